namespace CascadeDistill.Pipelines;

/// <summary>The optional <c>quality</c> section.</summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_qualityKeys = ["max_quarantine_rate", "baseline_days", "drift"];
    private static readonly string[] s_thresholdKeys = ["warn", "block"];

    private QualityDefinition ParseQuality(YamlMappingReader root)
    {
        QualityDefinition defaults = QualityDefinition.Default;
        if (root.Mapping("quality", s_qualityKeys, required: false) is not YamlMappingReader quality)
        {
            return defaults;
        }
        var drift = new Dictionary<string, DriftThresholdDefinition>(defaults.Drift, StringComparer.Ordinal);
        if (quality.Mapping("drift", [.. DriftMetrics.All], required: false) is YamlMappingReader gates)
        {
            foreach (string metric in DriftMetrics.All.Where(gates.Has))
            {
                if (gates.Mapping(metric, s_thresholdKeys, required: true) is YamlMappingReader gate)
                {
                    drift[metric] = new DriftThresholdDefinition(
                        gate.Has("warn") ? gate.Double("warn") : null,
                        gate.Has("block") ? gate.Double("block") : null);
                }
            }
        }
        return new QualityDefinition(
            quality.Double("max_quarantine_rate", defaults.MaxQuarantineRate),
            quality.Int("baseline_days", defaults.BaselineDays),
            drift);
    }
}
