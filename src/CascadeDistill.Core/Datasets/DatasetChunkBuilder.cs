using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Datasets;

/// <summary>Collects examples row by row into <see cref="DatasetChunk"/>s of bounded size.</summary>
public sealed class DatasetChunkBuilder(IReadOnlyList<FeatureDefinition> features)
{
    private readonly FeatureBatchBuilder _features = new(features);
    private readonly List<string> _requestIds = [];
    private readonly List<long> _itemIds = [];
    private readonly List<int> _positions = [];
    private readonly List<float> _labels = [];
    private readonly List<float> _weights = [];
    private readonly List<float> _softLabels = [];
    private readonly List<float> _teacherLogits = [];

    public int Count => _labels.Count;

    /// <summary>Adds one example for candidate <paramref name="row"/> of <paramref name="block"/>.</summary>
    public void Add(RequestBlock block, int row, float label, float weight, float softLabel, float teacherLogit)
    {
        ArgumentNullException.ThrowIfNull(block);
        _requestIds.Add(block.RequestId);
        _itemIds.Add(block.ItemIds[row]);
        _positions.Add(block.Positions[row]);
        _labels.Add(label);
        _weights.Add(weight);
        _softLabels.Add(softLabel);
        _teacherLogits.Add(teacherLogit);
        _features.Append(block.Features, [row]);
    }

    /// <summary>The examples added so far; the builder is then empty.</summary>
    public DatasetChunk Build()
    {
        var chunk = new DatasetChunk
        {
            RequestIds = _requestIds.ToArray(),
            ItemIds = _itemIds.ToArray(),
            Positions = _positions.ToArray(),
            Labels = _labels.ToArray(),
            Weights = _weights.ToArray(),
            SoftLabels = _softLabels.ToArray(),
            TeacherLogits = _teacherLogits.ToArray(),
            Features = _features.Build(),
        };
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
