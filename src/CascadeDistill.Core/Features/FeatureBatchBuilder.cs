namespace CascadeDistill.Features;

/// <summary>Accumulates rows of declared features from several batches into one <see cref="FeatureBatch"/>.</summary>
public sealed class FeatureBatchBuilder
{
    private readonly IReadOnlyList<FeatureDefinition> _features;
    private readonly Dictionary<string, List<long>> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _offsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<float>> _numerics = new(StringComparer.Ordinal);

    public FeatureBatchBuilder(IReadOnlyList<FeatureDefinition> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        _features = features;
        Reset();
    }

    public int RowCount { get; private set; }

    /// <summary>Appends <paramref name="rows"/> of <paramref name="source"/> (every declared feature must be present).</summary>
    public void Append(FeatureBatch source, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (FeatureDefinition feature in _features)
        {
            FeatureColumn column = source[feature.Name];
            switch (column)
            {
                case CategoricalColumn categorical:
                    foreach (int row in rows)
                    {
                        _ids[feature.Name].Add(categorical.Values[row]);
                    }
                    break;
                case MultiCategoricalColumn multi:
                    List<long> values = _ids[feature.Name];
                    List<int> offsets = _offsets[feature.Name];
                    foreach (int row in rows)
                    {
                        foreach (long id in multi.Row(row))
                        {
                            values.Add(id);
                        }
                        offsets.Add(values.Count);
                    }
                    break;
                case NumericColumn numeric:
                    foreach (int row in rows)
                    {
                        _numerics[feature.Name].Add(numeric.Values[row]);
                    }
                    break;
                default:
                    throw new InvalidOperationException($"Feature '{feature.Name}' has an unsupported column type {column.GetType().Name}.");
            }
        }
        RowCount += rows.Length;
    }

    /// <summary>The rows appended so far; the builder is then empty again.</summary>
    public FeatureBatch Build()
    {
        var columns = new Dictionary<string, FeatureColumn>(_features.Count, StringComparer.Ordinal);
        foreach (FeatureDefinition feature in _features)
        {
            columns[feature.Name] = feature.Kind switch
            {
                FeatureKind.Categorical => new CategoricalColumn(_ids[feature.Name].ToArray()),
                FeatureKind.MultiCategorical => new MultiCategoricalColumn(_ids[feature.Name].ToArray(), _offsets[feature.Name].ToArray()),
                FeatureKind.Numeric => new NumericColumn(_numerics[feature.Name].ToArray()),
                _ => throw new InvalidOperationException($"Unknown feature kind {feature.Kind}."),
            };
        }
        var batch = new FeatureBatch(RowCount, columns);
        Reset();
        return batch;
    }

    private void Reset()
    {
        RowCount = 0;
        foreach (FeatureDefinition feature in _features)
        {
            switch (feature.Kind)
            {
                case FeatureKind.Categorical:
                    _ids[feature.Name] = [];
                    break;
                case FeatureKind.MultiCategorical:
                    _ids[feature.Name] = [];
                    _offsets[feature.Name] = [0];
                    break;
                case FeatureKind.Numeric:
                    _numerics[feature.Name] = [];
                    break;
                default:
                    throw new InvalidOperationException($"Unknown feature kind {feature.Kind}.");
            }
        }
    }
}
