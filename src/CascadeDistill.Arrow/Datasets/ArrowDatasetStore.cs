using CascadeDistill.Datasets;
using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Datasets;

/// <summary>Dataset files in Arrow IPC file format with the schema of <see cref="ArrowDatasetSchema"/>.</summary>
public sealed class ArrowDatasetStore : IDatasetStore
{
    private readonly int _rowsPerBatch;

    public ArrowDatasetStore()
        : this(ArrowDefaults.RowsPerBatch)
    {
    }

    /// <param name="rowsPerBatch">Rows per record batch written.</param>
    public ArrowDatasetStore(int rowsPerBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerBatch);
        _rowsPerBatch = rowsPerBatch;
    }

    /// <summary>A writer for <paramref name="path"/>; an existing file there is replaced when the writer completes.</summary>
    public IDatasetWriter CreateWriter(string path, IReadOnlyList<FeatureDefinition> features, IReadOnlyList<string>? objectives = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(features);
        return new ArrowDatasetWriter(path, features, _rowsPerBatch, objectives ?? []);
    }

    /// <summary>
    /// Streams the file in chunks of exactly <paramref name="chunkRows"/> rows (the last may be shorter).
    /// A file that is truncated, lacks a column or has one of another type throws <see cref="InvalidDataException"/>.
    /// </summary>
    public IEnumerable<DatasetChunk> Read(
        string path, IReadOnlyList<FeatureDefinition> features, int chunkRows, CancellationToken cancellationToken, IReadOnlyList<string>? objectives = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        return DatasetFileReader.Read(path, features, chunkRows, cancellationToken, objectives ?? []);
    }
}
