using CascadeDistill.Features;

namespace CascadeDistill.Testing.Features;

/// <summary>
/// Random raw feature values for a set of features, from a seed. Ids include negatives and the
/// int64 extremes; lists include empty ones and ones longer than the feature's max length.
/// </summary>
public sealed class RandomFeatureBatchBuilder(IReadOnlyList<FeatureDefinition> features)
{
    private static readonly long[] s_extremeIds = [long.MinValue, long.MaxValue, -1, 0, int.MinValue];

    private int _rows = 64;
    private long _minId = -1_000_000;
    private long _maxId = 1_000_000;
    private double _emptyListRate = 0.15;
    private double _longListRate = 0.25;
    private double _extremeIdRate = 0.05;

    public RandomFeatureBatchBuilder WithRows(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        _rows = rows;
        return this;
    }

    public RandomFeatureBatchBuilder WithIdRange(long min, long max)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        (_minId, _maxId) = (min, max);
        return this;
    }

    /// <summary>Share of lists that are empty, and of lists longer than the max length (up to 3x).</summary>
    public RandomFeatureBatchBuilder WithListRates(double empty, double longerThanMax)
    {
        (_emptyListRate, _longListRate) = (empty, longerThanMax);
        return this;
    }

    /// <summary>Share of ids drawn from int64 extremes (min, max, -1, 0, int32 min).</summary>
    public RandomFeatureBatchBuilder WithExtremeIdRate(double rate)
    {
        _extremeIdRate = rate;
        return this;
    }

    public FeatureBatch Build(int seed)
    {
        var random = new Random(seed);
        var columns = new Dictionary<string, FeatureColumn>(StringComparer.Ordinal);
        foreach (FeatureDefinition feature in features)
        {
            columns[feature.Name] = feature.Kind switch
            {
                FeatureKind.Categorical => new CategoricalColumn(Enumerable.Range(0, _rows).Select(_ => NextId(random)).ToArray()),
                FeatureKind.MultiCategorical => MultiCategoricalColumn.FromRows(
                    Enumerable.Range(0, _rows).Select(_ => NextList(random, feature.MaxLength)).ToArray()),
                FeatureKind.Numeric => new NumericColumn(
                    Enumerable.Range(0, _rows).Select(_ => (float)((random.NextDouble() * 200) - 100)).ToArray()),
                _ => throw new ArgumentOutOfRangeException(nameof(features), feature.Kind, "Unknown feature kind."),
            };
        }
        return new FeatureBatch(_rows, columns);
    }

    private long NextId(Random random) =>
        random.NextDouble() < _extremeIdRate
            ? s_extremeIds[random.Next(s_extremeIds.Length)]
            : random.NextInt64(_minId, _maxId == long.MaxValue ? _maxId : _maxId + 1);

    private IReadOnlyList<long> NextList(Random random, int maxLength)
    {
        double draw = random.NextDouble();
        int length = draw < _emptyListRate ? 0
            : draw < _emptyListRate + _longListRate ? random.Next(maxLength + 1, (3 * maxLength) + 2)
            : random.Next(1, maxLength + 1);
        return Enumerable.Range(0, length).Select(_ => NextId(random)).ToArray();
    }
}
