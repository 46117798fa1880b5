using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Arrow.IO;
using CascadeDistill.IO;

namespace CascadeDistill.Arrow.Embeddings;

/// <summary>Writes the embedding export of a full catalogue (<see cref="ArrowEmbeddingFormat"/>) atomically.</summary>
public static class ArrowEmbeddingWriter
{
    /// <param name="path">Destination; an existing file is replaced only once the new one is complete and on disk.</param>
    /// <param name="itemIds">Unique item ids, one per row.</param>
    /// <param name="vectors">Row-major vectors, <c>itemIds.Length * dim</c> finite values.</param>
    /// <param name="dim">Embedding width (&gt; 0).</param>
    /// <param name="metadata">Producer metadata (model version, dataset digest, …) stored in the schema.</param>
    public static EmbeddingFileInfo Write(string path, long[] itemIds, float[] vectors, int dim, IReadOnlyDictionary<string, string> metadata) =>
        Write(path, itemIds, vectors, dim, metadata, ArrowDefaults.RowsPerBatch);

    /// <inheritdoc cref="Write(string, long[], float[], int, IReadOnlyDictionary{string, string})"/>
    /// <param name="rowsPerBatch">Rows per record batch.</param>
    public static EmbeddingFileInfo Write(
        string path, long[] itemIds, float[] vectors, int dim, IReadOnlyDictionary<string, string> metadata, int rowsPerBatch)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerBatch);
        Validate(itemIds, vectors, dim, metadata);
        FixedSizeListType embeddingType = ArrowEmbeddingFormat.EmbeddingType(dim);
        var schemaMetadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal)
        {
            [ArrowEmbeddingFormat.VersionMetadataKey] = ArrowEmbeddingFormat.Version.ToString(CultureInfo.InvariantCulture),
            [ArrowEmbeddingFormat.DimMetadataKey] = dim.ToString(CultureInfo.InvariantCulture),
        };
        var schema = new Schema(
            [
                new Field(ArrowEmbeddingFormat.ItemId, Int64Type.Default, nullable: false),
                new Field(ArrowEmbeddingFormat.Embedding, embeddingType, nullable: false),
            ],
            schemaMetadata);
        using var file = PendingFile.Create(path);
        using (var writer = new ArrowFileWriter(file.Stream, schema, leaveOpen: true))
        {
            writer.WriteStart();
            for (int start = 0; start < itemIds.Length; start += rowsPerBatch)
            {
                int count = Math.Min(rowsPerBatch, itemIds.Length - start);
                IArrowArray[] arrays =
                [
                    ArrowArrays.Int64(itemIds.AsSpan(start, count)),
                    ArrowArrays.FloatFixedSizeList(embeddingType, vectors.AsSpan(start * dim, count * dim)),
                ];
                using var batch = new RecordBatch(schema, arrays, count);
                writer.WriteRecordBatch(batch);
            }
            writer.WriteEnd();
        }
        file.Commit();
        FileDigest digest = FileDigest.Compute(file.DestinationPath);
        return new EmbeddingFileInfo(file.DestinationPath, digest.Bytes, digest.Sha256, itemIds.Length, dim);
    }

    private static void Validate(long[] itemIds, float[] vectors, int dim, IReadOnlyDictionary<string, string> metadata)
    {
        if ((long)itemIds.Length * dim != vectors.Length)
        {
            throw new ArgumentException($"{itemIds.Length} items of width {dim} need {(long)itemIds.Length * dim} values, got {vectors.Length}.", nameof(vectors));
        }
        for (int i = 0; i < vectors.Length; i++)
        {
            if (!float.IsFinite(vectors[i]))
            {
                throw new ArgumentException($"Item {itemIds[i / dim]} has a non-finite embedding value {vectors[i]}.", nameof(vectors));
            }
        }
        var seen = new HashSet<long>(itemIds.Length);
        foreach (long item in itemIds)
        {
            if (!seen.Add(item))
            {
                throw new ArgumentException($"Item {item} is listed more than once.", nameof(itemIds));
            }
        }
        foreach (string key in ArrowEmbeddingFormat.ReservedMetadataKeys)
        {
            if (metadata.ContainsKey(key))
            {
                throw new ArgumentException($"Metadata key '{key}' is reserved by the embedding format.", nameof(metadata));
            }
        }
    }
}
