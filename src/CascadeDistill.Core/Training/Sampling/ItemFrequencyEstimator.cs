namespace CascadeDistill.Training.Sampling;

/// <summary>
/// Streaming estimate of how likely an item is to appear in a training batch, for the logQ
/// correction of in-batch softmax — the hashed last-seen / step-gap estimator of Yi et al.
/// (RecSys 2019, "Sampling-bias-corrected neural modeling for large corpus item recommendations"):
/// two arrays indexed by a hash of the item id, <c>A</c> = the last step the bucket was seen and
/// <c>B</c> = a moving average of the gap (in steps) between two sightings. Observing a bucket at
/// step <c>t</c> sets <c>B ← (1 − α)·B + α·(t − A)</c> and <c>A ← t</c>; the first sighting sets
/// <c>B ← t</c> (the gap since the stream began at step 0). The estimate is <c>q = 1 / B</c>, the
/// probability of appearing in a step's batch (an item seen every step has q = 1).
/// Deterministic: no randomness; the hash is SplitMix64 of the id, the same on every machine.
/// Distinct ids can share a bucket (the estimate is then their union's); size the table at least
/// as large as the catalogue to make that rare.
/// </summary>
public sealed class ItemFrequencyEstimator
{
    private readonly long[] _lastStep;
    private readonly double[] _gap;
    private readonly double _alpha;
    private long _step;

    /// <param name="buckets">Hash table size, at least 1.</param>
    /// <param name="alpha">Weight α in (0, 1] of the newest gap in the moving average.</param>
    public ItemFrequencyEstimator(int buckets, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buckets);
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be in (0, 1].");
        }
        _lastStep = new long[buckets];
        _gap = new double[buckets];
        _alpha = alpha;
    }

    /// <summary>The last step observed (0 before any).</summary>
    public long Step => _step;

    /// <summary>
    /// Records that <paramref name="itemIds"/> appeared at <paramref name="step"/> (steps start at 1
    /// and never go back). An id (or bucket) listed twice in one step counts once.
    /// </summary>
    public void Observe(long step, ReadOnlySpan<long> itemIds)
    {
        if (step < 1 || step < _step)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Steps start at 1 and never go back (last step {_step}).");
        }
        _step = step;
        foreach (long id in itemIds)
        {
            int bucket = Bucket(id);
            long last = _lastStep[bucket];
            if (last == step)
            {
                continue;
            }
            _gap[bucket] = last == 0 ? step : ((1 - _alpha) * _gap[bucket]) + (_alpha * (step - last));
            _lastStep[bucket] = step;
        }
    }

    /// <summary>
    /// <c>q = 1 / B</c> of the item's bucket, in (0, 1]; for a bucket never observed, the most
    /// pessimistic value consistent with the stream so far, <c>1 / (Step + 1)</c>.
    /// </summary>
    public double Probability(long itemId)
    {
        int bucket = Bucket(itemId);
        return _lastStep[bucket] == 0 ? 1.0 / (_step + 1) : 1.0 / Math.Max(1.0, _gap[bucket]);
    }

    private int Bucket(long id)
    {
        ulong z = unchecked((ulong)id + 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)_lastStep.Length);
    }
}
