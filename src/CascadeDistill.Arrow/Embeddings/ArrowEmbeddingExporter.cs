using CascadeDistill.Export;

namespace CascadeDistill.Arrow.Embeddings;

/// <summary><see cref="IEmbeddingExporter"/> over <see cref="ArrowEmbeddingWriter"/>.</summary>
public sealed class ArrowEmbeddingExporter : IEmbeddingExporter
{
    public void Write(string path, long[] itemIds, float[] vectors, int dim, IReadOnlyDictionary<string, string> metadata) =>
        ArrowEmbeddingWriter.Write(path, itemIds, vectors, dim, metadata);
}
