using System.Text.Json;

namespace CascadeDistill.IO;

/// <summary>JSON settings used by <see cref="AtomicFile.WriteJsonAsync{T}"/> when none are given.</summary>
internal static class AtomicFileJson
{
    public static JsonSerializerOptions Indented { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
