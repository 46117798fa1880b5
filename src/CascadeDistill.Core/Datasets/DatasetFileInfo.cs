namespace CascadeDistill.Datasets;

/// <summary>A finished dataset file: its path, size, SHA-256 (lowercase hex) and row count.</summary>
public sealed record DatasetFileInfo(string Path, long Bytes, string Sha256, long Rows);
