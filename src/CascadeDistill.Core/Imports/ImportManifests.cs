using System.Text.Json;
using CascadeDistill.IO;

namespace CascadeDistill.Imports;

/// <summary>Reads the import manifests of a work directory (<c>imports/*.json</c>).</summary>
public static class ImportManifests
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Every manifest that wrote a file into <paramref name="day"/>'s partition, oldest first, with that file's record.</summary>
    public static IReadOnlyList<(ImportManifest Manifest, ImportPartitionRecord Partition)> ForDay(string workDirectory, DateOnly day)
    {
        string folder = Path.Combine(workDirectory, LogImporter.ImportsFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var found = new List<(ImportManifest, ImportPartitionRecord)>();
        foreach (string path in Directory.EnumerateFiles(folder, "*.json").Where(p => !AtomicFile.IsTemporaryFile(p)).Order(StringComparer.Ordinal))
        {
            ImportManifest manifest = JsonSerializer.Deserialize<ImportManifest>(File.ReadAllText(path), s_json)
                ?? throw new InvalidDataException($"{path}: the import manifest is empty.");
            foreach (ImportPartitionRecord partition in manifest.Partitions.Where(p => p.Day == day))
            {
                found.Add((manifest, partition));
            }
        }
        return found;
    }
}
