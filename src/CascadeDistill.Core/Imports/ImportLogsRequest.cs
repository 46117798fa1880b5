namespace CascadeDistill.Imports;

/// <summary>What to import and where: the work directory receives logs/, imports/, quarantine/ and a temporary tmp/ folder.</summary>
public sealed record ImportLogsRequest(
    ImportFormat Format,
    IReadOnlyList<string> Inputs,
    string MappingPath,
    string WorkDirectory)
{
    /// <summary>Rows buffered before a sorted run is spilled to disk (the import's memory bound).</summary>
    public int MaxRowsInMemory { get; init; } = 250_000;
}
