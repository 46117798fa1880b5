using CascadeDistill.IO;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Arrow.IO;
using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>
/// Writes requests to one log file: rows are buffered and written as record batches of
/// <c>rowsPerBatch</c> rows (a request may straddle two batches) to a temporary file in the partition
/// folder, which <see cref="Complete"/> flushes and renames into place. Every request is checked against
/// the contract first, so a file this writer completes is one the reader accepts.
/// </summary>
internal sealed class ArrowLogWriter : ILogWriter
{
    private readonly DateOnly _day;
    private readonly int _rowsPerBatch;
    private readonly LogWriteLayout _layout;
    private readonly PendingFile _file;
    private readonly ArrowFileWriter _writer;
    private readonly RequestValidator _validator = new();
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly Utf8Buffer _requestIds = new();
    private readonly GrowableBuffer<long> _eventTimes = new(1024);
    private readonly GrowableBuffer<long> _userIds = new(1024);
    private readonly GrowableBuffer<long> _itemIds = new(1024);
    private readonly GrowableBuffer<int> _positions = new(1024);
    private readonly GrowableBuffer<int> _rerankPositions = new(1024);
    private readonly GrowableBuffer<bool> _rerankValid = new(1024);
    private readonly GrowableBuffer<float>[] _logits;
    private readonly GrowableBuffer<float>[] _labels;
    private readonly FeatureBuffer[] _features;
    private bool _completed;
    private bool _disposed;

    public ArrowLogWriter(string path, DateOnly day, LogWriteLayout layout, int rowsPerBatch)
    {
        _day = day;
        _layout = layout;
        _rowsPerBatch = rowsPerBatch;
        _logits = [.. layout.Objectives.Select(_ => new GrowableBuffer<float>(1024))];
        _labels = layout.HasLabels ? [.. layout.Objectives.Select(_ => new GrowableBuffer<float>(1024))] : [];
        _features = [.. layout.Features.Select(f => FeatureBuffer.Create(f.Kind))];
        _file = PendingFile.Create(path);
        try
        {
            _writer = new ArrowFileWriter(_file.Stream, layout.Schema, leaveOpen: true);
            _writer.WriteStart();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public void Write(RequestBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        ThrowIfClosed();
        CheckShape(block);
        if (_written.Contains(block.RequestId))
        {
            throw new LogContractException(
                _file.DestinationPath,
                LogReasonCodes.NonContiguousRequest,
                $"Request '{block.RequestId}' was already written to this file; a request's rows must be contiguous.");
        }
        _validator.Validate(block, _file.DestinationPath);
        _written.Add(block.RequestId);
        Append(block);
        if (_itemIds.Count >= _rowsPerBatch)
        {
            WriteBatch();
        }
    }

    public LogFileInfo Complete()
    {
        ThrowIfClosed();
        if (_itemIds.Count > 0)
        {
            WriteBatch();
        }
        _writer.WriteEnd();
        _writer.Dispose();
        long bytes = _file.Commit();
        _completed = true;
        return new LogFileInfo(_file.DestinationPath, _day, bytes);
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

    private void CheckShape(RequestBlock block)
    {
        int count = block.Count;
        if (count == 0)
        {
            throw new ArgumentException($"Request '{block.RequestId}' has no rows.", nameof(block));
        }
        ArgumentNullException.ThrowIfNull(block.RequestId, nameof(block));
        RequireLength(block, block.Positions, LogContract.Position);
        if (block.RerankPositions is not null)
        {
            RequireLength(block, block.RerankPositions, LogContract.RerankPosition);
        }
        foreach (string objective in _layout.Objectives)
        {
            if (!block.TeacherLogits.TryGetValue(objective, out float[]? logits))
            {
                throw new ArgumentException($"Request '{block.RequestId}' has no teacher logits for '{objective}'.", nameof(block));
            }
            RequireLength(block, logits, LogContract.TeacherLogitColumn(objective));
            if (_layout.HasLabels && block.Labels.TryGetValue(objective, out float[]? labels))
            {
                RequireLength(block, labels, LogContract.LabelColumn(objective));
            }
        }
        if (block.Features.RowCount != count)
        {
            throw new ArgumentException($"Request '{block.RequestId}' has {block.Features.RowCount} feature rows for {count} items.", nameof(block));
        }
        foreach (FeatureDefinition feature in _layout.Features)
        {
            if (!block.Features.Columns.TryGetValue(feature.Name, out FeatureColumn? column) || !FeatureBuffer.Accepts(feature.Kind, column))
            {
                throw new ArgumentException(
                    $"Request '{block.RequestId}' has no {feature.Kind} values for feature '{feature.Name}'.", nameof(block));
            }
        }
    }

    private static void RequireLength(RequestBlock block, System.Array values, string column)
    {
        if (values.Length != block.Count)
        {
            throw new ArgumentException(
                $"Request '{block.RequestId}': {column} has {values.Length} values for {block.Count} items.", nameof(block));
        }
    }

    private void Append(RequestBlock block)
    {
        int count = block.Count;
        _requestIds.Add(block.RequestId, count);
        _eventTimes.Append(count).Fill(block.EventTime.ToUnixTimeMilliseconds());
        _userIds.Append(count).Fill(block.UserId);
        _itemIds.AddRange(block.ItemIds);
        _positions.AddRange(block.Positions);
        if (_layout.HasRerankPosition)
        {
            if (block.RerankPositions is { } rerank)
            {
                _rerankPositions.AddRange(rerank);
                _rerankValid.Append(count).Fill(true);
            }
            else
            {
                _rerankPositions.Append(count).Fill(LogContract.PositionCut);
                _rerankValid.Append(count).Fill(false);
            }
        }
        for (int i = 0; i < _logits.Length; i++)
        {
            string objective = _layout.Objectives[i];
            _logits[i].AddRange(block.TeacherLogits[objective]);
            if (_layout.HasLabels)
            {
                if (block.Labels.TryGetValue(objective, out float[]? labels))
                {
                    _labels[i].AddRange(labels);
                }
                else
                {
                    _labels[i].Append(count).Fill(float.NaN);
                }
            }
        }
        for (int i = 0; i < _features.Length; i++)
        {
            _features[i].Append(block.Features[_layout.Features[i].Name], 0, count);
        }
    }

    private void WriteBatch()
    {
        var arrays = new List<IArrowArray>
        {
            _requestIds.Build(),
            ArrowArrays.Timestamp(_eventTimes.AsSpan(), LogWriteLayout.EventTimeType),
            ArrowArrays.Int64(_userIds.AsSpan()),
            ArrowArrays.Int64(_itemIds.AsSpan()),
            ArrowArrays.Int32(_positions.AsSpan()),
        };
        if (_layout.HasRerankPosition)
        {
            arrays.Add(ArrowArrays.Int32(_rerankPositions.AsSpan(), _rerankValid.AsSpan()));
        }
        arrays.AddRange(_logits.Select(l => ArrowArrays.Float(l.AsSpan())));
        arrays.AddRange(_labels.Select(l => ArrowArrays.FloatNaNAsNull(l.AsSpan())));
        arrays.AddRange(_features.Select(f => f.ToArrowArray()));
        using (var batch = new RecordBatch(_layout.Schema, arrays, _itemIds.Count))
        {
            _writer.WriteRecordBatch(batch);
        }
        Clear();
    }

    private void Clear()
    {
        _requestIds.Clear();
        _eventTimes.Clear();
        _userIds.Clear();
        _itemIds.Clear();
        _positions.Clear();
        _rerankPositions.Clear();
        _rerankValid.Clear();
        foreach (GrowableBuffer<float> buffer in _logits.Concat(_labels))
        {
            buffer.Clear();
        }
        foreach (FeatureBuffer feature in _features)
        {
            feature.Clear();
        }
    }

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException($"'{_file.DestinationPath}' is already complete.");
        }
    }
}
