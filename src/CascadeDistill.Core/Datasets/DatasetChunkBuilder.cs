using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Datasets;

/// <summary>Collects examples row by row into <see cref="DatasetChunk"/>s of bounded size.</summary>
/// <param name="objectives">When given, each row also keeps these objectives' own teacher logits (<see cref="DatasetChunk.ObjectiveLogits"/>).</param>
public sealed class DatasetChunkBuilder(IReadOnlyList<FeatureDefinition> features, IReadOnlyList<string>? objectives = null)
{
    /// <summary>The position recorded for a catalogue item the request never scored (a sampled negative).</summary>
    public const int SampledPosition = -1;

    private readonly FeatureBatchBuilder _userFeatures = new(features.Where(f => f.Side == FeatureSide.User).ToArray());
    private readonly FeatureBatchBuilder _itemFeatures = new(features.Where(f => f.Side == FeatureSide.Item).ToArray());
    private readonly List<string> _requestIds = [];
    private readonly List<long> _itemIds = [];
    private readonly List<int> _positions = [];
    private readonly List<float> _labels = [];
    private readonly List<float> _weights = [];
    private readonly List<float> _softLabels = [];
    private readonly List<float> _teacherLogits = [];
    private readonly (string Name, List<float> Values)[] _objectiveLogits = [.. (objectives ?? []).Select(o => (o, new List<float>()))];

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
        foreach ((string objective, List<float> values) in _objectiveLogits)
        {
            values.Add(block.TeacherLogits.TryGetValue(objective, out float[]? logits)
                ? logits[row]
                : throw new InvalidOperationException($"Request {block.RequestId} has no teacher logits for objective '{objective}'."));
        }
        _userFeatures.Append(block.Features, [row]);
        _itemFeatures.Append(block.Features, [row]);
    }

    /// <summary>
    /// Adds a negative pairing the request's user with catalogue item <paramref name="catalogueRow"/>,
    /// which the request never scored: label 0, soft label 0, no teacher logit (NaN).
    /// </summary>
    public void AddSampledNegative(RequestBlock block, Catalogue catalogue, int catalogueRow, float weight)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(catalogue);
        _requestIds.Add(block.RequestId);
        _itemIds.Add(catalogue.ItemIds[catalogueRow]);
        _positions.Add(SampledPosition);
        _labels.Add(0f);
        _weights.Add(weight);
        _softLabels.Add(0f);
        _teacherLogits.Add(float.NaN);
        foreach ((_, List<float> values) in _objectiveLogits)
        {
            values.Add(float.NaN);
        }
        _userFeatures.Append(block.Features, [0]);
        _itemFeatures.Append(catalogue.Features, [catalogueRow]);
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
            Features = Merge(_userFeatures.Build(), _itemFeatures.Build()),
            ObjectiveLogits = _objectiveLogits.Length == 0
                ? null
                : _objectiveLogits.ToDictionary(p => p.Name, p => p.Values.ToArray(), StringComparer.Ordinal),
        };
        foreach ((_, List<float> values) in _objectiveLogits)
        {
            values.Clear();
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

    private static FeatureBatch Merge(FeatureBatch users, FeatureBatch items)
    {
        var columns = new Dictionary<string, FeatureColumn>(users.Columns, StringComparer.Ordinal);
        foreach ((string name, FeatureColumn column) in items.Columns)
        {
            columns.Add(name, column);
        }
        return new FeatureBatch(users.RowCount, columns);
    }
}
