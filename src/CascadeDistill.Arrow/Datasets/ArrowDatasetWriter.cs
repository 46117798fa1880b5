using Apache.Arrow;
using Apache.Arrow.Ipc;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Arrow.IO;
using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.IO;

namespace CascadeDistill.Arrow.Datasets;

/// <summary>
/// Writes chunks into one dataset file as record batches of <c>rowsPerBatch</c> rows, to a temporary
/// file beside the destination that <see cref="Complete"/> flushes, renames into place and digests.
/// </summary>
internal sealed class ArrowDatasetWriter : IDatasetWriter
{
    private readonly int _rowsPerBatch;
    private readonly Schema _schema;
    private readonly FeatureDefinition[] _features;
    private readonly PendingFile _file;
    private readonly ArrowFileWriter _writer;
    private readonly Utf8Buffer _requestIds = new();
    private readonly GrowableBuffer<long> _itemIds = new(1024);
    private readonly GrowableBuffer<int> _positions = new(1024);
    private readonly GrowableBuffer<float> _labels = new(1024);
    private readonly GrowableBuffer<float> _weights = new(1024);
    private readonly GrowableBuffer<float> _softLabels = new(1024);
    private readonly GrowableBuffer<float> _teacherLogits = new(1024);
    private readonly FeatureBuffer[] _featureBuffers;
    private readonly string[] _objectives;
    private readonly GrowableBuffer<float>[] _objectiveLogits;
    private readonly bool _checksItemIdFeature;
    private long _rows;
    private bool _completed;
    private bool _disposed;

    public ArrowDatasetWriter(string path, IReadOnlyList<FeatureDefinition> features, int rowsPerBatch, IReadOnlyList<string> objectives)
    {
        _schema = ArrowDatasetSchema.Create(features, objectives);
        _objectives = [.. objectives];
        _objectiveLogits = [.. _objectives.Select(_ => new GrowableBuffer<float>(1024))];
        _features = [.. ArrowDatasetSchema.StoredFeatures(features)];
        _checksItemIdFeature = features.Any(ArrowDatasetSchema.SharesItemIdColumn);
        _featureBuffers = [.. _features.Select(f => FeatureBuffer.Create(f.Kind))];
        _rowsPerBatch = rowsPerBatch;
        _file = PendingFile.Create(path);
        try
        {
            _writer = new ArrowFileWriter(_file.Stream, _schema, leaveOpen: true);
            _writer.WriteStart();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public void Write(DatasetChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfCompleted();
        CheckShape(chunk);
        for (int start = 0; start < chunk.Count;)
        {
            int count = Math.Min(chunk.Count - start, _rowsPerBatch - _itemIds.Count);
            Append(chunk, start, count);
            start += count;
            if (_itemIds.Count >= _rowsPerBatch)
            {
                WriteBatch();
            }
        }
    }

    public DatasetFileInfo Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfCompleted();
        if (_itemIds.Count > 0)
        {
            WriteBatch();
        }
        _writer.WriteEnd();
        _writer.Dispose();
        _file.Commit();
        _completed = true;
        FileDigest digest = FileDigest.Compute(_file.DestinationPath);
        return new DatasetFileInfo(_file.DestinationPath, digest.Bytes, digest.Sha256, _rows);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _writer.Dispose();
        _file.Dispose();
    }

    private void CheckShape(DatasetChunk chunk)
    {
        int count = chunk.Count;
        if (chunk.RequestIds.Length != count || chunk.ItemIds.Length != count || chunk.Positions.Length != count
            || chunk.Weights.Length != count || chunk.SoftLabels.Length != count || chunk.TeacherLogits.Length != count
            || chunk.Features.RowCount != count)
        {
            throw new ArgumentException($"Every column of a chunk must have {count} rows (the label count).", nameof(chunk));
        }
        foreach (string objective in _objectives)
        {
            if (chunk.ObjectiveLogits is null || !chunk.ObjectiveLogits.TryGetValue(objective, out float[]? logits) || logits.Length != count)
            {
                throw new ArgumentException($"The chunk has no {count} teacher logits of objective '{objective}'.", nameof(chunk));
            }
        }
        foreach (string? requestId in chunk.RequestIds)
        {
            ArgumentNullException.ThrowIfNull(requestId, nameof(chunk));
        }
        foreach (FeatureDefinition feature in _features)
        {
            if (!chunk.Features.Columns.TryGetValue(feature.Name, out FeatureColumn? column) || !FeatureBuffer.Accepts(feature.Kind, column))
            {
                throw new ArgumentException($"The chunk has no {feature.Kind} values for feature '{feature.Name}'.", nameof(chunk));
            }
        }
        if (_checksItemIdFeature
            && !(chunk.Features.Columns.TryGetValue(ArrowDatasetSchema.ItemId, out FeatureColumn? itemIds)
                 && itemIds is CategoricalColumn categorical
                 && categorical.Values.AsSpan().SequenceEqual(chunk.ItemIds)))
        {
            throw new ArgumentException($"Feature '{ArrowDatasetSchema.ItemId}' must hold the chunk's item ids.", nameof(chunk));
        }
    }

    private void Append(DatasetChunk chunk, int start, int count)
    {
        for (int row = start; row < start + count; row++)
        {
            _requestIds.Add(chunk.RequestIds[row], 1);
        }
        _itemIds.AddRange(chunk.ItemIds.AsSpan(start, count));
        _positions.AddRange(chunk.Positions.AsSpan(start, count));
        _labels.AddRange(chunk.Labels.AsSpan(start, count));
        _weights.AddRange(chunk.Weights.AsSpan(start, count));
        _softLabels.AddRange(chunk.SoftLabels.AsSpan(start, count));
        _teacherLogits.AddRange(chunk.TeacherLogits.AsSpan(start, count));
        for (int i = 0; i < _features.Length; i++)
        {
            _featureBuffers[i].Append(chunk.Features[_features[i].Name], start, count);
        }
        for (int i = 0; i < _objectives.Length; i++)
        {
            _objectiveLogits[i].AddRange(chunk.ObjectiveLogits![_objectives[i]].AsSpan(start, count));
        }
        _rows += count;
    }

    private void WriteBatch()
    {
        var arrays = new List<IArrowArray>
        {
            _requestIds.Build(),
            ArrowArrays.Int64(_itemIds.AsSpan()),
            ArrowArrays.Int32(_positions.AsSpan()),
            ArrowArrays.Float(_labels.AsSpan()),
            ArrowArrays.Float(_weights.AsSpan()),
            ArrowArrays.Float(_softLabels.AsSpan()),
            ArrowArrays.Float(_teacherLogits.AsSpan()),
        };
        arrays.AddRange(_featureBuffers.Select(f => f.ToArrowArray()));
        arrays.AddRange(_objectiveLogits.Select(l => (IArrowArray)ArrowArrays.Float(l.AsSpan())));
        using (var batch = new RecordBatch(_schema, arrays, _itemIds.Count))
        {
            _writer.WriteRecordBatch(batch);
        }
        _requestIds.Clear();
        _itemIds.Clear();
        _positions.Clear();
        _labels.Clear();
        _weights.Clear();
        _softLabels.Clear();
        _teacherLogits.Clear();
        foreach (FeatureBuffer buffer in _featureBuffers)
        {
            buffer.Clear();
        }
        foreach (GrowableBuffer<float> logits in _objectiveLogits)
        {
            logits.Clear();
        }
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException($"'{_file.DestinationPath}' is already complete.");
        }
    }
}
