namespace CascadeDistill.Pipelines;

/// <summary>The <c>dataset.inbatch</c> section.</summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_inBatchKeys = ["teacher_temperature", "distillation_weight", "logq_correction", "frequency_buckets", "frequency_alpha"];

    private static InBatchDefinition? ParseInBatch(YamlMappingReader dataset)
    {
        YamlMappingReader? inBatch = dataset.Mapping("inbatch", s_inBatchKeys, required: false);
        return inBatch is null
            ? null
            : new InBatchDefinition(
                inBatch.Double("teacher_temperature"),
                inBatch.Double("distillation_weight"),
                inBatch.Bool("logq_correction", true),
                inBatch.Int("frequency_buckets", PipelineDefaults.FrequencyBuckets),
                inBatch.Double("frequency_alpha", PipelineDefaults.FrequencyAlpha));
    }
}
