namespace CascadeDistill.Features;

/// <summary>
/// A feature a pipeline declares: the log column it reads and how the student encodes it.
/// </summary>
/// <param name="Name">Feature name; also the ONNX input name of its tower.</param>
/// <param name="Side">The tower it feeds.</param>
/// <param name="Kind">Column type and encoding.</param>
/// <param name="Column">Arrow column in the log partition (e.g. <c>user_id</c>, <c>user.segment</c>).</param>
/// <param name="HashBuckets">Categorical kinds: ids map to bucket <c>floor_mod(id, HashBuckets)</c>. 0 for numerics.</param>
/// <param name="EmbeddingDim">Categorical kinds: embedding width. Numerics contribute one input value and use 0.</param>
/// <param name="MaxLength">Multi-valued ids: only the first <c>MaxLength</c> ids of a list are pooled. 0 otherwise.</param>
public sealed record FeatureDefinition(
    string Name,
    FeatureSide Side,
    FeatureKind Kind,
    string Column,
    int HashBuckets,
    int EmbeddingDim,
    int MaxLength)
{
    /// <summary>Width this feature contributes to its tower's input vector.</summary>
    public int InputWidth => Kind == FeatureKind.Numeric ? 1 : EmbeddingDim;

    /// <summary>The hash every implementation (C# reference, TorchSharp, ONNX graph) uses: floor modulo, never negative.</summary>
    public static long Bucket(long id, int buckets)
    {
        long r = id % buckets;
        return r < 0 ? r + buckets : r;
    }
}
