namespace CascadeDistill.Benchmarks;

/// <summary>The <c>kind</c> of a quality benchmark row.</summary>
public static class QualityRowKind
{
    /// <summary>A shipped pipeline: a student distilled from the teacher.</summary>
    public const string Distilled = "distilled";

    /// <summary>The same student trained on logged ground truth alone (no teacher signal).</summary>
    public const string GroundTruthOnly = "ground_truth_only";

    /// <summary>A reference scorer: the teacher itself, or item popularity.</summary>
    public const string Baseline = "baseline";
}
