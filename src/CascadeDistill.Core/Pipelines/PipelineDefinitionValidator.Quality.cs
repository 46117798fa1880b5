namespace CascadeDistill.Pipelines;

/// <summary>Rules of the <c>quality</c> section.</summary>
public static partial class PipelineDefinitionValidator
{
    private static void ValidateQuality(PipelineFindings findings, QualityDefinition quality)
    {
        if (!(quality.MaxQuarantineRate >= 0 && quality.MaxQuarantineRate <= 1))
        {
            findings.Report("quality.max_quarantine_rate", $"must be between 0 and 1 (got {PipelineFindings.Text(quality.MaxQuarantineRate)})");
        }
        findings.InRange("quality.baseline_days", quality.BaselineDays, 1, PipelineLimits.MaxWindowDays);
        foreach ((string metric, DriftThresholdDefinition gate) in quality.Drift)
        {
            string path = "quality.drift." + metric;
            if (gate.Warn is double warn)
            {
                findings.NotNegative(path + ".warn", warn);
            }
            if (gate.Block is double block)
            {
                findings.NotNegative(path + ".block", block);
                if (gate.Warn is double w && block < w)
                {
                    findings.Report(path + ".block", $"must not be below {path}.warn ({PipelineFindings.Text(w)}) (got {PipelineFindings.Text(block)})", path + ".warn");
                }
            }
        }
    }
}
