using Apache.Arrow;
using Apache.Arrow.Types;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Arrow.IO;
using CascadeDistill.Datasets;
using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Datasets;

/// <summary>
/// Streams a dataset file as chunks of exactly <c>chunkRows</c> rows (the last may be shorter), gathering
/// rows across record batches; one batch is in memory at a time. Schema problems throw <see cref="InvalidDataException"/>.
/// </summary>
internal static class DatasetFileReader
{
    public static IEnumerable<DatasetChunk> Read(
        string path, IReadOnlyList<FeatureDefinition> features, int chunkRows, CancellationToken cancellationToken, IReadOnlyList<string> objectives)
    {
        using ArrowBatchSource source = ArrowBatchSource.Open(path);
        int[] columns = Resolve(source.Schema, features, objectives, path);
        var chunk = new DatasetChunkBuffer(features, objectives);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using RecordBatch? batch = source.ReadNext();
            if (batch is null)
            {
                break;
            }
            CheckNulls(batch, source.Schema, path);
            for (int start = 0; start < batch.Length;)
            {
                int count = Math.Min(batch.Length - start, chunkRows - chunk.Count);
                chunk.Append(batch, columns, start, count);
                start += count;
                if (chunk.Count == chunkRows)
                {
                    yield return chunk.Complete();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        if (chunk.Count > 0)
        {
            yield return chunk.Complete();
        }
    }

    // Column index of each fixed column then each feature, checked by name and type.
    private static int[] Resolve(Schema schema, IReadOnlyList<FeatureDefinition> features, IReadOnlyList<string> objectives, string path)
    {
        string? version = schema.HasMetadata && schema.Metadata.TryGetValue(ArrowDatasetSchema.VersionMetadataKey, out string? value) ? value : null;
        string expected = ArrowDatasetSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (version != expected)
        {
            throw new InvalidDataException($"'{path}': dataset format version is '{version ?? "absent"}', expected '{expected}'.");
        }
        var indexes = new List<int>
        {
            Find(schema, ArrowDatasetSchema.RequestId, t => t is StringType, "utf8", path),
            Find(schema, ArrowDatasetSchema.ItemId, t => t is Int64Type, "int64", path),
            Find(schema, ArrowDatasetSchema.Position, t => t is Int32Type, "int32", path),
            Find(schema, ArrowDatasetSchema.Label, t => t is FloatType, "float32", path),
            Find(schema, ArrowDatasetSchema.Weight, t => t is FloatType, "float32", path),
            Find(schema, ArrowDatasetSchema.SoftLabel, t => t is FloatType, "float32", path),
            Find(schema, ArrowDatasetSchema.TeacherLogit, t => t is FloatType, "float32", path),
        };
        foreach (FeatureDefinition feature in features)
        {
            indexes.Add(Find(schema, feature.Name, t => FeatureArrowTypes.Matches(feature.Kind, t), FeatureArrowTypes.Describe(feature.Kind), path));
        }
        foreach (string objective in objectives)
        {
            indexes.Add(Find(schema, ArrowDatasetSchema.ObjectiveLogit(objective), t => t is FloatType, "float32", path));
        }
        return [.. indexes];
    }

    private static int Find(Schema schema, string name, Func<IArrowType, bool> accepts, string typeName, string path)
    {
        int index = -1;
        for (int i = 0; i < schema.FieldsList.Count; i++)
        {
            if (schema.FieldsList[i].Name == name)
            {
                index = index < 0 ? i : throw new InvalidDataException($"'{path}': column '{name}' appears more than once.");
            }
        }
        if (index < 0)
        {
            throw new InvalidDataException($"'{path}': column '{name}' ({typeName}) is missing.");
        }
        if (!accepts(schema.FieldsList[index].DataType))
        {
            throw new InvalidDataException($"'{path}': column '{name}' is {schema.FieldsList[index].DataType.Name}, expected {typeName}.");
        }
        return index;
    }

    private static void CheckNulls(RecordBatch batch, Schema schema, string path)
    {
        for (int i = 0; i < batch.ColumnCount; i++)
        {
            if (FeatureArrowTypes.HasNulls(batch.Column(i)))
            {
                throw new InvalidDataException($"'{path}': column '{schema.FieldsList[i].Name}' holds nulls.");
            }
        }
    }
}
