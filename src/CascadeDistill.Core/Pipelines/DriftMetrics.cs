namespace CascadeDistill.Pipelines;

/// <summary>The drift figures a threshold can be set for (keys of <c>quality.drift</c>).</summary>
public static class DriftMetrics
{
    /// <summary>|requests per day − baseline| / baseline.</summary>
    public const string RequestVolume = "request_volume";

    /// <summary>|candidates per request − baseline| / baseline.</summary>
    public const string CandidatesPerRequest = "candidates_per_request";

    /// <summary>Jensen–Shannon divergence (bits) of each objective's teacher logits on the fixed binning.</summary>
    public const string TeacherLogitJs = "teacher_logit_js";

    /// <summary>|positive label rate − baseline| / baseline, per objective with labels.</summary>
    public const string LabelRate = "label_rate";

    /// <summary>Drop of each feature's coverage (share of rows with a value), baseline − current.</summary>
    public const string FeatureCoverage = "feature_coverage";

    public static IReadOnlyList<string> All { get; } = [RequestVolume, CandidatesPerRequest, TeacherLogitJs, LabelRate, FeatureCoverage];
}
