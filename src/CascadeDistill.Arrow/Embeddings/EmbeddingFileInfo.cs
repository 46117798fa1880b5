namespace CascadeDistill.Arrow.Embeddings;

/// <summary>A finished embedding file: its path, size, SHA-256 (lowercase hex), row count and dimension.</summary>
public sealed record EmbeddingFileInfo(string Path, long Bytes, string Sha256, long Rows, int Dim);
