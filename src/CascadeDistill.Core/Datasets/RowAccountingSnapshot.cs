namespace CascadeDistill.Datasets;

/// <summary>Row and request counts of a finished stage, as stored in manifests and run records.</summary>
public sealed record RowAccountingSnapshot(
    long RowsRead,
    long RowsUsed,
    IReadOnlyDictionary<string, long> RowsSkipped,
    long RequestsRead,
    long RequestsUsed,
    IReadOnlyDictionary<string, long> RequestsSkipped);
