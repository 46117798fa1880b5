using CascadeDistill.Features;

namespace CascadeDistill.Datasets;

/// <summary>
/// A chunk of pointwise distillation examples (one row per (request, candidate) kept).
/// Features hold the pipeline's user- and item-side features, keyed by feature name.
/// </summary>
public sealed class DatasetChunk
{
    public required string[] RequestIds { get; init; }

    public required long[] ItemIds { get; init; }

    /// <summary>The candidate's position in the teacher's list (0 = cut).</summary>
    public required int[] Positions { get; init; }

    /// <summary>Hard label: 1 for the teacher's top K, else 0.</summary>
    public required float[] Labels { get; init; }

    /// <summary>Loss weight (position weight for positives, 1 for negatives).</summary>
    public required float[] Weights { get; init; }

    /// <summary>Soft label <c>sigmoid(fused_logit / T)</c>, or NaN when the recipe has none.</summary>
    public required float[] SoftLabels { get; init; }

    /// <summary>The fused teacher logit.</summary>
    public required float[] TeacherLogits { get; init; }

    public required FeatureBatch Features { get; init; }

    /// <summary>
    /// Per objective (datasets of a per-objective-heads student only): the teacher's own logit
    /// <c>teacher.OBJECTIVE</c> of each row (NaN for a sampled negative); null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, float[]>? ObjectiveLogits { get; init; }

    public int Count => Labels.Length;
}
