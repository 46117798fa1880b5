namespace CascadeDistill.Imports;

/// <summary>The record of one import, written atomically to <c>&lt;work&gt;/imports/&lt;import-id&gt;.json</c>.</summary>
public sealed record ImportManifest(
    string ImportId,
    string Format,
    string Mapping,
    string MappingSha256,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    int MaxRowsInMemory,
    int SpillRuns,
    IReadOnlyList<ImportInputRecord> Inputs,
    ImportTotals Totals,
    IReadOnlyList<ImportPartitionRecord> Partitions,
    string? QuarantineFile)
{
    /// <summary>The item catalogue derived from the imported item features (null when no catalogue store was given or no request was accepted).</summary>
    public ImportCatalogueRecord? Catalogue { get; init; }

    /// <summary>Most sorted runs merged at once (the readers open in the merge).</summary>
    public int MergeFanIn { get; init; }

    /// <summary>Merges of spilled runs into one run, done first because there were more runs than <see cref="MergeFanIn"/>.</summary>
    public int IntermediateMerges { get; init; }
}
