namespace CascadeDistill.Pipelines;

/// <summary>The <c>training.distillation_loss</c> section.</summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_distillationLossKeys = ["name", "temperature", "temperature_squared"];

    private static DistillationLossDefinition? ParseDistillationLoss(YamlMappingReader training)
    {
        if (training.Mapping("distillation_loss", s_distillationLossKeys, required: false) is not YamlMappingReader loss)
        {
            return null;
        }
        return new DistillationLossDefinition(
            loss.String("name"),
            loss.Has("temperature") ? loss.Double("temperature") : null,
            loss.Has("temperature_squared") ? loss.Bool("temperature_squared") : null);
    }
}
