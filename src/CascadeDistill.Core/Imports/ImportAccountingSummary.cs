namespace CascadeDistill.Imports;

/// <summary>
/// An import that wrote log files a run reads, as the run record keeps it (ReadLogs stage output): the
/// import's accounting over all its inputs — rows read = accepted + quarantined by reason, requests accepted
/// and quarantined, balanced — and the files it wrote into the run's days.
/// </summary>
public sealed record ImportAccountingSummary(string ImportId, string Format, ImportTotals Totals, IReadOnlyList<ImportPartitionRecord> Files)
{
    /// <summary>The imports whose manifests (in <paramref name="workDirectory"/>) wrote files into <paramref name="days"/>, by import id; none when the logs were not imported.</summary>
    public static IReadOnlyList<ImportAccountingSummary> ForDays(string workDirectory, IEnumerable<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var byImport = new SortedDictionary<string, (ImportManifest Manifest, List<ImportPartitionRecord> Files)>(StringComparer.Ordinal);
        foreach (DateOnly day in days.Distinct().Order())
        {
            foreach ((ImportManifest manifest, ImportPartitionRecord partition) in ImportManifests.ForDay(workDirectory, day))
            {
                if (!byImport.TryGetValue(manifest.ImportId, out var entry))
                {
                    byImport[manifest.ImportId] = entry = (manifest, []);
                }
                entry.Files.Add(partition);
            }
        }
        return [.. byImport.Values.Select(e => new ImportAccountingSummary(e.Manifest.ImportId, e.Manifest.Format, e.Manifest.Totals, e.Files))];
    }
}
