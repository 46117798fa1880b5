namespace CascadeDistill.Onnx.Contracts;

/// <summary>
/// metadata_props keys the exporter writes into every tower besides the request's own. A request
/// may not set any of them.
/// </summary>
public static class OnnxMetadataKeys
{
    /// <summary>Version of this metadata layout; bumped when a key's meaning changes.</summary>
    public const string FormatVersion = "cascade_distill.format_version";

    /// <summary><c>user</c> or <c>item</c>.</summary>
    public const string Tower = "cascade_distill.tower";

    /// <summary>JSON input contract, see <see cref="TowerInputJson"/>.</summary>
    public const string Inputs = "cascade_distill.inputs";

    /// <summary>JSON <c>{name, dtype, shape, l2_normalised}</c> of the single output.</summary>
    public const string Output = "cascade_distill.output";

    /// <summary>Output width, invariant integer.</summary>
    public const string EmbeddingDim = "cascade_distill.embedding_dim";

    /// <summary>Score temperature: <c>score = dot(user, item) / temperature</c>; invariant round-trip float.</summary>
    public const string Temperature = "cascade_distill.temperature";

    /// <summary>
    /// Per-objective heads (written only by a student with <c>student.heads: per_objective</c>): a JSON array of
    /// <c>{"objective", "output", "scale", "dim"}</c>, one per head in order; <c>output</c> names the graph output
    /// holding that head's L2-normalised vector, <c>scale</c> its factor in the main output.
    /// </summary>
    public const string Heads = "cascade_distill.heads";

    /// <summary>The keys every exported tower carries.</summary>
    public static IReadOnlyList<string> All { get; } = [FormatVersion, Tower, Inputs, Output, EmbeddingDim, Temperature];

    /// <summary>Every key the exporter writes (<see cref="All"/> and <see cref="Heads"/>); callers' metadata may not use them.</summary>
    public static IReadOnlyList<string> Reserved { get; } = [.. All, Heads];
}
