using System.Text.Json;
using System.Text.Json.Serialization;

namespace CascadeDistill.Training;

/// <summary>
/// The per-epoch training curve as the TrainStudent stage's output JSON (<c>{"curve":[{"epoch":1,"meanLoss":…,"examples":…,"seconds":…}]}</c>),
/// so the curve outlives the process and the dashboard can plot it.
/// </summary>
public static class TrainingCurveJson
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(IReadOnlyList<EpochRecord> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return JsonSerializer.Serialize(new { curve }, s_json);
    }

    /// <summary>
    /// The curve stored in <paramref name="json"/>, or null when the text is empty or holds no curve (an
    /// older run, or a stage finished by recovery). Malformed JSON throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static IReadOnlyList<EpochRecord>? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("curve", out JsonElement curve)
                || curve.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            return curve.Deserialize<EpochRecord[]>(s_json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException("The training curve JSON is malformed: " + error.Message, error);
        }
    }
}
