using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Imports;

/// <summary>
/// The item catalogue derived from imported rows: every accepted item with its item-side features
/// (<c>item.*</c>), the values of its latest request (by event time; on a tie, the later request in
/// import order). Merged into an existing catalogue: items not in this import keep their values.
/// Memory: one entry per distinct item.
/// </summary>
public sealed class ImportedCatalogue
{
    private readonly FeatureDefinition[] _features;
    private readonly Dictionary<long, Entry> _items = [];

    public ImportedCatalogue(IEnumerable<FeatureDefinition> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        _features = [.. features.Where(f => f.Side == FeatureSide.Item)];
    }

    /// <summary>The item features the catalogue holds (columns named as in the logs).</summary>
    public IReadOnlyList<FeatureDefinition> Features => _features;

    public int Count => _items.Count;

    public void Add(RequestBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        for (int row = 0; row < block.Count; row++)
        {
            long item = block.ItemIds[row];
            if (_items.TryGetValue(item, out Entry? seen) && seen.Time > block.EventTime)
            {
                continue;
            }
            var values = new object[_features.Length];
            for (int f = 0; f < _features.Length; f++)
            {
                values[f] = block.Features[_features[f].Name] switch
                {
                    CategoricalColumn c => c.Values[row],
                    NumericColumn n => n.Values[row],
                    MultiCategoricalColumn m => m.Row(row).ToArray(),
                    var other => throw new InvalidOperationException(other.GetType().Name),
                };
            }
            _items[item] = new Entry(block.EventTime, values);
        }
    }

    /// <summary>The catalogue to write: <paramref name="existing"/> (may be null) overlaid with the imported items, ordered by item id.</summary>
    public Catalogue Merge(Catalogue? existing)
    {
        var merged = new SortedDictionary<long, object[]>();
        if (existing is not null)
        {
            for (int i = 0; i < existing.Count; i++)
            {
                merged[existing.ItemIds[i]] = [.. _features.Select(f => Value(existing.Features[f.Name], i))];
            }
        }
        foreach ((long item, Entry entry) in _items)
        {
            merged[item] = entry.Values;
        }
        long[] ids = [.. merged.Keys];
        object[][] rows = [.. merged.Values];
        var columns = new Dictionary<string, FeatureColumn>(StringComparer.Ordinal);
        for (int f = 0; f < _features.Length; f++)
        {
            int index = f;
            columns[_features[f].Name] = _features[f].Kind switch
            {
                FeatureKind.Categorical => new CategoricalColumn([.. rows.Select(r => (long)r[index])]),
                FeatureKind.Numeric => new NumericColumn([.. rows.Select(r => (float)r[index])]),
                _ => Lists(rows.Select(r => (long[])r[index])),
            };
        }
        return new Catalogue(ids, new FeatureBatch(ids.Length, columns));
    }

    private static object Value(FeatureColumn column, int row) => column switch
    {
        CategoricalColumn c => c.Values[row],
        NumericColumn n => n.Values[row],
        MultiCategoricalColumn m => m.Row(row).ToArray(),
        _ => throw new InvalidOperationException(column.GetType().Name),
    };

    private static MultiCategoricalColumn Lists(IEnumerable<long[]> rows)
    {
        var values = new List<long>();
        var offsets = new List<int> { 0 };
        foreach (long[] row in rows)
        {
            values.AddRange(row);
            offsets.Add(values.Count);
        }
        return new MultiCategoricalColumn([.. values], [.. offsets]);
    }

    private sealed record Entry(DateTimeOffset Time, object[] Values);
}
