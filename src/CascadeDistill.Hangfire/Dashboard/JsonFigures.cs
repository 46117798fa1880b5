using System.Globalization;
using System.Text.Json;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>
/// Flattens stored JSON (metrics, row accounting, parity) into (path, value) pairs for display:
/// nested objects join their keys with '.', numbers keep their JSON text.
/// </summary>
public static class JsonFigures
{
    /// <summary>The leaves of <paramref name="json"/> in document order; empty for null or blank text. Malformed JSON throws <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(string? json)
    {
        var leaves = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return leaves;
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            Collect(document.RootElement, prefix: "", leaves);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException("Stored JSON is malformed: " + error.Message, error);
        }
        return leaves;
    }

    /// <summary>The numeric leaves of <paramref name="json"/> by path, in document order.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Numbers(string? json) =>
        Flatten(json)
            .Where(p => double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(p => new KeyValuePair<string, double>(p.Key, double.Parse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToArray();

    private static void Collect(JsonElement element, string prefix, List<KeyValuePair<string, string>> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Collect(property.Value, prefix.Length == 0 ? property.Name : prefix + "." + property.Name, leaves);
                }
                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Collect(item, prefix + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", leaves);
                    index++;
                }
                break;
            case JsonValueKind.String:
                leaves.Add(new(prefix, element.GetString() ?? ""));
                break;
            default:
                leaves.Add(new(prefix, element.GetRawText()));
                break;
        }
    }
}
