using CascadeDistill.Logs;

namespace CascadeDistill.Datasets;

/// <summary>
/// Draws, for a request, <c>count</c> distinct catalogue items it did not score, uniformly and
/// deterministically from a seed, and adds them as negatives. Counts what it added.
/// </summary>
public sealed class CatalogueNegativeSampler
{
    private readonly Catalogue _catalogue;
    private readonly HashSet<long> _catalogueIds;
    private readonly int _count;
    private readonly Random _random;
    private readonly HashSet<long> _excluded = [];

    public CatalogueNegativeSampler(Catalogue catalogue, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _catalogue = catalogue;
        _catalogueIds = catalogue.ItemIds.ToHashSet();
        _count = count;
        _random = new Random(seed);
    }

    /// <summary>Sampled negatives added so far.</summary>
    public long Added { get; private set; }

    public void AddNegatives(RequestBlock block, DatasetChunkBuilder into)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(into);
        _excluded.Clear();
        foreach (long id in block.ItemIds)
        {
            if (_catalogueIds.Contains(id))
            {
                _excluded.Add(id);
            }
        }
        int want = Math.Min(_count, _catalogue.Count - _excluded.Count);
        for (int added = 0; added < want;)
        {
            int row = _random.Next(_catalogue.Count);
            if (_excluded.Add(_catalogue.ItemIds[row]))
            {
                into.AddSampledNegative(block, _catalogue, row, weight: 1f);
                added++;
            }
        }
        Added += Math.Max(0, want);
    }
}
