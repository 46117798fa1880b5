using Apache.Arrow;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>
/// The rows of the request being read, gathered from one or more record batches (a request may span a
/// batch boundary) by copying value spans; <see cref="Complete"/> hands them out as a <see cref="RequestBlock"/>.
/// </summary>
internal sealed class PendingRequest
{
    private readonly LogFileLayout _layout;
    private readonly string _file;
    private readonly GrowableBuffer<long> _items = new(256);
    private readonly GrowableBuffer<int> _positions = new(256);
    private readonly GrowableBuffer<int> _rerankPositions = new(256);
    private readonly GrowableBuffer<float>[] _logits;
    private readonly GrowableBuffer<float>?[] _labels;
    private readonly FeatureBuffer[] _features;
    private int _rerankNulls;
    private string? _requestId;
    private byte[] _requestIdUtf8 = [];
    private long _eventTimeMs;
    private long _userId;

    public PendingRequest(LogFileLayout layout, string file)
    {
        _layout = layout;
        _file = file;
        _logits = [.. layout.Objectives.Select(_ => new GrowableBuffer<float>(256))];
        _labels = [.. layout.Labels.Select(index => index < 0 ? null : new GrowableBuffer<float>(256))];
        _features = [.. layout.Features.Select(feature => FeatureBuffer.Create(feature.Kind))];
    }

    public bool IsEmpty => _requestId is null;

    public string RequestId => _requestId ?? throw new InvalidOperationException("No request is pending.");

    /// <summary>True when a request is pending and its id is <paramref name="requestIdUtf8"/>.</summary>
    public bool Continues(ReadOnlySpan<byte> requestIdUtf8) =>
        _requestId is not null && requestIdUtf8.SequenceEqual(_requestIdUtf8);

    /// <summary>Begins a request at <paramref name="row"/>: its event time and user are those of its first row.</summary>
    public void Start(string requestId, RecordBatch batch, int row)
    {
        _requestId = requestId;
        _requestIdUtf8 = System.Text.Encoding.UTF8.GetBytes(requestId);
        _eventTimeMs = ((TimestampArray)batch.Column(_layout.EventTime)).Values[row];
        _userId = ((Int64Array)batch.Column(_layout.UserId)).Values[row];
    }

    /// <summary>Appends rows <c>[start, start + count)</c> of <paramref name="batch"/>.</summary>
    public void Append(RecordBatch batch, int start, int count)
    {
        _items.AddRange(((Int64Array)batch.Column(_layout.ItemId)).Values.Slice(start, count));
        _positions.AddRange(((Int32Array)batch.Column(_layout.Position)).Values.Slice(start, count));
        if (_layout.RerankPosition >= 0)
        {
            AppendRerankPositions((Int32Array)batch.Column(_layout.RerankPosition), start, count);
        }
        for (int i = 0; i < _logits.Length; i++)
        {
            _logits[i].AddRange(((FloatArray)batch.Column(_layout.TeacherLogits[i])).Values.Slice(start, count));
        }
        for (int i = 0; i < _labels.Length; i++)
        {
            if (_labels[i] is { } labels)
            {
                AppendLabels(labels, (FloatArray)batch.Column(_layout.Labels[i]), start, count);
            }
        }
        for (int i = 0; i < _features.Length; i++)
        {
            _features[i].Append(batch.Column(_layout.FeatureColumns[i]), start, count);
        }
    }

    /// <summary>The pending rows as a block; the accumulator is then empty.</summary>
    public RequestBlock Complete()
    {
        string requestId = RequestId;
        int count = _items.Count;
        var logits = new Dictionary<string, float[]>(_logits.Length, StringComparer.Ordinal);
        var labels = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (int i = 0; i < _logits.Length; i++)
        {
            logits[_layout.Objectives[i]] = _logits[i].ToArray();
            if (_labels[i] is { } objectiveLabels)
            {
                labels[_layout.Objectives[i]] = objectiveLabels.ToArray();
            }
        }
        var features = new Dictionary<string, FeatureColumn>(_features.Length, StringComparer.Ordinal);
        for (int i = 0; i < _features.Length; i++)
        {
            features[_layout.Features[i].Name] = _features[i].ToColumn();
        }
        var block = new RequestBlock
        {
            RequestId = requestId,
            EventTime = ToEventTime(requestId),
            UserId = _userId,
            ItemIds = _items.ToArray(),
            Positions = _positions.ToArray(),
            RerankPositions = CompleteRerankPositions(requestId, count),
            TeacherLogits = logits,
            Labels = labels,
            Features = new FeatureBatch(count, features),
        };
        Clear();
        return block;
    }

    private void AppendRerankPositions(Int32Array array, int start, int count)
    {
        Span<int> target = _rerankPositions.Append(count);
        array.Values.Slice(start, count).CopyTo(target);
        if (array.NullCount == 0)
        {
            return;
        }
        for (int i = 0; i < count; i++)
        {
            if (array.IsNull(start + i))
            {
                target[i] = LogContract.PositionCut;
                _rerankNulls++;
            }
        }
    }

    private static void AppendLabels(GrowableBuffer<float> labels, FloatArray array, int start, int count)
    {
        Span<float> target = labels.Append(count);
        array.Values.Slice(start, count).CopyTo(target);
        if (array.NullCount == 0)
        {
            return;
        }
        for (int i = 0; i < count; i++)
        {
            if (array.IsNull(start + i))
            {
                target[i] = float.NaN;
            }
        }
    }

    // A request is either re-ranked (no nulls) or not (all null → RerankPositions = null).
    private int[]? CompleteRerankPositions(string requestId, int count)
    {
        if (_layout.RerankPosition < 0 || _rerankNulls == count)
        {
            return null;
        }
        if (_rerankNulls > 0)
        {
            throw new LogContractException(
                _file,
                LogReasonCodes.NullValue,
                $"Request '{requestId}': {LogContract.RerankPosition} is null on {_rerankNulls} of {count} rows; it must be null on all rows of a request or on none.");
        }
        return _rerankPositions.ToArray();
    }

    private DateTimeOffset ToEventTime(string requestId)
    {
        if (_eventTimeMs < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || _eventTimeMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new LogContractException(
                _file,
                LogReasonCodes.WrongType,
                $"Request '{requestId}': {LogContract.EventTime} {_eventTimeMs} ms is outside the representable range.");
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(_eventTimeMs);
    }

    private void Clear()
    {
        _requestId = null;
        _rerankNulls = 0;
        _items.Clear();
        _positions.Clear();
        _rerankPositions.Clear();
        foreach (GrowableBuffer<float> logits in _logits)
        {
            logits.Clear();
        }
        foreach (GrowableBuffer<float>? labels in _labels)
        {
            labels?.Clear();
        }
        foreach (FeatureBuffer feature in _features)
        {
            feature.Clear();
        }
    }
}
