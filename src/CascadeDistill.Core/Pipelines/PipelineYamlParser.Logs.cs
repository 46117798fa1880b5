namespace CascadeDistill.Pipelines;

/// <summary>The <c>logs</c> section.</summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_logsKeys = ["window_days", "holdout_days", "objectives", "read_labels"];

    private LogWindowDefinition ParseLogs(YamlMappingReader root)
    {
        if (root.Mapping("logs", s_logsKeys, required: true) is not YamlMappingReader logs)
        {
            return new LogWindowDefinition(0, 0, [], PipelineDefaults.ReadLabels);
        }
        return new LogWindowDefinition(
            logs.Int("window_days"),
            logs.Int("holdout_days", PipelineDefaults.HoldoutDays),
            logs.StringList("objectives"),
            logs.Bool("read_labels", PipelineDefaults.ReadLabels));
    }
}
