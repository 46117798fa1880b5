namespace CascadeDistill.Arrow.Embeddings;

/// <summary>Embeddings of a catalogue: row <c>i</c> is item <c>ItemIds[i]</c>, vector <c>Vectors[i * Dim .. (i + 1) * Dim]</c>.</summary>
public sealed record EmbeddingTable(long[] ItemIds, float[] Vectors, int Dim, IReadOnlyDictionary<string, string> Metadata)
{
    public int Count => ItemIds.Length;

    public ReadOnlySpan<float> Vector(int row) => Vectors.AsSpan(row * Dim, Dim);
}
