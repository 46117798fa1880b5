using System.Text.Json;

namespace CascadeDistill.Onnx.Contracts;

/// <summary>Reads the <c>cascade_distill.heads</c> and <c>cascade_distill.output</c> metadata of an exported tower.</summary>
public static class OnnxHeadsJson
{
    /// <summary>(objective, output name, width) of each head, in order.</summary>
    /// <exception cref="InvalidDataException">The JSON is not an array of head objects.</exception>
    public static IReadOnlyList<(string Objective, string Output, int Dim)> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(e => (
                e.GetProperty("objective").GetString() ?? throw new InvalidDataException("A head has no objective."),
                e.GetProperty("output").GetString() ?? throw new InvalidDataException("A head has no output."),
                e.GetProperty("dim").GetInt32()))];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"The '{OnnxMetadataKeys.Heads}' metadata is malformed: {ex.Message}", ex);
        }
    }

    /// <summary>The <c>name</c> of the <c>cascade_distill.output</c> metadata.</summary>
    public static string MainOutputName(string outputJson)
    {
        ArgumentNullException.ThrowIfNull(outputJson);
        try
        {
            using JsonDocument document = JsonDocument.Parse(outputJson);
            return document.RootElement.GetProperty("name").GetString() ?? throw new InvalidDataException("The output has no name.");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidDataException($"The '{OnnxMetadataKeys.Output}' metadata is malformed: {ex.Message}", ex);
        }
    }
}
