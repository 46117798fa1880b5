using System.Text.Json;

namespace CascadeDistill.Registry;

/// <summary>Guards for the JSON text columns of runs and versions (row accounting, metrics, parity, checkpoints).</summary>
public static class RegistryJson
{
    /// <exception cref="ArgumentException"><paramref name="json"/> is not null and not well-formed JSON.</exception>
    public static void ThrowIfInvalid(string? json, string paramName)
    {
        if (json is null)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Expected well-formed JSON: {ex.Message}", paramName, ex);
        }
    }
}
