namespace CascadeDistill.Registry;

/// <summary>A numbered version of a model, with its lineage and files. Immutable once Ready or Failed.</summary>
/// <param name="ArtifactDirectory">The version's folder relative to the artifact root, '/'-separated (<c>models/NAME/v0001</c>); see <see cref="ArtifactLayout.Resolve"/>.</param>
/// <param name="ParityJson">ONNX Runtime vs trained-model parity figures, as JSON text.</param>
public sealed record ModelVersion(
    string ModelName,
    int Version,
    string RunId,
    string Pipeline,
    string ConfigHash,
    string DatasetDigest,
    ModelVersionStatus Status,
    string ArtifactDirectory,
    IReadOnlyList<ModelFile> Files,
    string? MetricsJson,
    string? ParityJson,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? FailedAt);
