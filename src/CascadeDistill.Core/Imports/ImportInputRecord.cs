namespace CascadeDistill.Imports;

/// <summary>One input file in the import manifest: identity, what happened and its row accounting.</summary>
public sealed record ImportInputRecord(
    string Path,
    long Bytes,
    string Sha256,
    string Status,
    string? Reason,
    string? Message,
    long RowsRead,
    long RowsAccepted,
    IReadOnlyDictionary<string, long> RowsQuarantined);
