namespace CascadeDistill.Export;

/// <summary>Writes the full catalogue's item vectors (for an ANN index) next to the ONNX towers.</summary>
public interface IEmbeddingExporter
{
    /// <param name="vectors">Row-major [itemIds.Length, dim].</param>
    void Write(string path, long[] itemIds, float[] vectors, int dim, IReadOnlyDictionary<string, string> metadata);
}
