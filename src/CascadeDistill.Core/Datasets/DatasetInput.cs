namespace CascadeDistill.Datasets;

/// <summary>A log file a dataset was built from: its identity (size, SHA-256) and what became of its rows.</summary>
public sealed record DatasetInput(string Path, DateOnly Day, long Bytes, string Sha256, RowAccountingSnapshot Accounting);
