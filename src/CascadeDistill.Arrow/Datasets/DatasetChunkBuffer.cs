using Apache.Arrow;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Datasets;
using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Datasets;

/// <summary>The rows of the dataset chunk being gathered, possibly from several record batches.</summary>
internal sealed class DatasetChunkBuffer(IReadOnlyList<FeatureDefinition> features, IReadOnlyList<string> objectives)
{
    private readonly List<string> _requestIds = [];
    private readonly GrowableBuffer<long> _itemIds = new(1024);
    private readonly GrowableBuffer<int> _positions = new(1024);
    private readonly GrowableBuffer<float> _labels = new(1024);
    private readonly GrowableBuffer<float> _weights = new(1024);
    private readonly GrowableBuffer<float> _softLabels = new(1024);
    private readonly GrowableBuffer<float> _teacherLogits = new(1024);
    private readonly FeatureBuffer[] _features = [.. features.Select(f => FeatureBuffer.Create(f.Kind))];
    private readonly GrowableBuffer<float>[] _objectiveLogits = [.. objectives.Select(_ => new GrowableBuffer<float>(1024))];

    public int Count => _itemIds.Count;

    /// <summary>Appends rows <c>[start, start + count)</c>; <paramref name="columns"/> are the fixed columns, the features, then the objectives' logits, in order.</summary>
    public void Append(RecordBatch batch, int[] columns, int start, int count)
    {
        var requestIds = (StringArray)batch.Column(columns[0]);
        for (int row = start; row < start + count; row++)
        {
            // Consecutive rows of a request share one string instance.
            bool same = row > start && Utf8Rows.SameValue(requestIds, row, row - 1);
            _requestIds.Add(same ? _requestIds[^1] : Utf8Rows.Text(requestIds, row));
        }
        _itemIds.AddRange(((Int64Array)batch.Column(columns[1])).Values.Slice(start, count));
        _positions.AddRange(((Int32Array)batch.Column(columns[2])).Values.Slice(start, count));
        _labels.AddRange(((FloatArray)batch.Column(columns[3])).Values.Slice(start, count));
        _weights.AddRange(((FloatArray)batch.Column(columns[4])).Values.Slice(start, count));
        _softLabels.AddRange(((FloatArray)batch.Column(columns[5])).Values.Slice(start, count));
        _teacherLogits.AddRange(((FloatArray)batch.Column(columns[6])).Values.Slice(start, count));
        for (int i = 0; i < _features.Length; i++)
        {
            _features[i].Append(batch.Column(columns[ArrowDatasetSchema.FixedColumns.Count + i]), start, count);
        }
        for (int i = 0; i < _objectiveLogits.Length; i++)
        {
            _objectiveLogits[i].AddRange(((FloatArray)batch.Column(columns[ArrowDatasetSchema.FixedColumns.Count + _features.Length + i])).Values.Slice(start, count));
        }
    }

    /// <summary>The gathered rows as a chunk; the buffer is then empty.</summary>
    public DatasetChunk Complete()
    {
        var featureColumns = new Dictionary<string, FeatureColumn>(_features.Length, StringComparer.Ordinal);
        for (int i = 0; i < _features.Length; i++)
        {
            featureColumns[features[i].Name] = _features[i].ToColumn();
            _features[i].Clear();
        }
        var chunk = new DatasetChunk
        {
            RequestIds = [.. _requestIds],
            ItemIds = _itemIds.ToArray(),
            Positions = _positions.ToArray(),
            Labels = _labels.ToArray(),
            Weights = _weights.ToArray(),
            SoftLabels = _softLabels.ToArray(),
            TeacherLogits = _teacherLogits.ToArray(),
            Features = new FeatureBatch(_itemIds.Count, featureColumns),
            ObjectiveLogits = _objectiveLogits.Length == 0
                ? null
                : objectives.Select((o, i) => (o, i)).ToDictionary(p => p.o, p => _objectiveLogits[p.i].ToArray(), StringComparer.Ordinal),
        };
        foreach (GrowableBuffer<float> logits in _objectiveLogits)
        {
            logits.Clear();
        }
        _requestIds.Clear();
        _itemIds.Clear();
        _positions.Clear();
        _labels.Clear();
        _weights.Clear();
        _softLabels.Clear();
        _teacherLogits.Clear();
        return chunk;
    }
}
