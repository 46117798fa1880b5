using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Arrow.IO;

namespace CascadeDistill.Arrow.Embeddings;

/// <summary>Reads an embedding export (<see cref="ArrowEmbeddingFormat"/>) into memory.</summary>
public static class ArrowEmbeddingReader
{
    /// <exception cref="InvalidDataException">The file is truncated, of another format version, or its columns are missing, retyped or hold nulls.</exception>
    public static EmbeddingTable Read(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using ArrowBatchSource source = ArrowBatchSource.Open(path);
        Schema schema = source.Schema;
        IReadOnlyDictionary<string, string> metadata = schema.HasMetadata
            ? new Dictionary<string, string>(schema.Metadata, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        string expected = ArrowEmbeddingFormat.Version.ToString(CultureInfo.InvariantCulture);
        if (!metadata.TryGetValue(ArrowEmbeddingFormat.VersionMetadataKey, out string? version) || version != expected)
        {
            throw new InvalidDataException($"'{path}': embedding format version is '{version ?? "absent"}', expected '{expected}'.");
        }
        int itemColumn = SchemaFields.IndexOf(schema, ArrowEmbeddingFormat.ItemId);
        int embeddingColumn = SchemaFields.IndexOf(schema, ArrowEmbeddingFormat.Embedding);
        if (itemColumn < 0 || schema.FieldsList[itemColumn].DataType is not Int64Type)
        {
            throw new InvalidDataException($"'{path}': column '{ArrowEmbeddingFormat.ItemId}' (int64) is missing or retyped.");
        }
        if (embeddingColumn < 0 || schema.FieldsList[embeddingColumn].DataType is not FixedSizeListType { ValueDataType: FloatType } embeddingType)
        {
            throw new InvalidDataException($"'{path}': column '{ArrowEmbeddingFormat.Embedding}' (fixed_size_list<float32>) is missing or retyped.");
        }
        int dim = embeddingType.ListSize;
        var itemIds = new GrowableBuffer<long>(1024);
        var vectors = new GrowableBuffer<float>(1024 * dim);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using RecordBatch? batch = source.ReadNext();
            if (batch is null)
            {
                break;
            }
            var items = (Int64Array)batch.Column(itemColumn);
            var embeddings = (FixedSizeListArray)batch.Column(embeddingColumn);
            var values = (FloatArray)embeddings.Values;
            if (items.NullCount > 0 || embeddings.NullCount > 0 || values.NullCount > 0)
            {
                throw new InvalidDataException($"'{path}': item ids and embeddings may not hold nulls.");
            }
            itemIds.AddRange(items.Values);
            vectors.AddRange(values.Values.Slice(embeddings.Offset * dim, embeddings.Length * dim));
        }
        return new EmbeddingTable(itemIds.ToArray(), vectors.ToArray(), dim, metadata);
    }
}
