using System.Text.Json;

namespace CascadeDistill.Pipelines;

/// <summary>
/// <c>training.distillation_loss</c> in the canonical JSON: written only when it names a loss other than the default <c>bce</c>,
/// so pipelines without it keep the hashes they had before the key existed.
/// </summary>
public static partial class PipelineConfigHash
{
    private static void WriteDistillationLoss(Utf8JsonWriter json, TrainingDefinition training)
    {
        if (training.DistillationLoss is not DistillationLossDefinition loss || loss.Name == DistillationLossDefinition.Bce)
        {
            return;
        }
        json.WriteStartObject("distillation_loss");
        json.WriteString("name", loss.Name);
        if (loss.Temperature is double temperature)
        {
            json.WriteNumber("temperature", temperature);
        }
        if (loss.TemperatureSquared is bool squared)
        {
            json.WriteBoolean("temperature_squared", squared);
        }
        json.WriteEndObject();
    }
}
