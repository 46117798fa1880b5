namespace CascadeDistill.Quality;

/// <summary>
/// Teacher logits on a fixed binning, so partitions are comparable without seeing each other: fine bins of
/// 0.05 over [-20, 20) for quantiles (exact to half a bin), plus one underflow and one overflow bin; the
/// coarse binning for Jensen–Shannon merges them into 42 bins: (-∞, -20), [-20, -19), …, [19, 20), [20, ∞).
/// NaN and infinite logits never reach it (the log contract rejects them).
/// </summary>
public sealed class LogitHistogram
{
    public const double Min = -20;
    public const double Max = 20;
    public const double FineWidth = 0.05;
    public const double CoarseWidth = 1.0;

    private static readonly int s_fineBins = (int)Math.Round((Max - Min) / FineWidth);
    private static readonly int s_perCoarse = (int)Math.Round(CoarseWidth / FineWidth);

    public LogitHistogram()
    {
        Counts = new long[s_fineBins + 2];
    }

    /// <summary>Index 0 = below <see cref="Min"/>, last = at or above <see cref="Max"/>, fine bins in between.</summary>
    public long[] Counts { get; }

    public long Total { get; private set; }

    public void Add(double value)
    {
        int bin = value < Min ? 0 : value >= Max ? Counts.Length - 1 : 1 + Math.Min(s_fineBins - 1, (int)((value - Min) / FineWidth));
        Counts[bin]++;
        Total++;
    }

    public void Add(LogitHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < Counts.Length; i++)
        {
            Counts[i] += other.Counts[i];
        }
        Total += other.Total;
    }

    /// <summary>The 42 coarse bins Jensen–Shannon compares.</summary>
    public long[] Coarse()
    {
        var coarse = new long[(s_fineBins / s_perCoarse) + 2];
        coarse[0] = Counts[0];
        coarse[^1] = Counts[^1];
        for (int i = 0; i < s_fineBins; i++)
        {
            coarse[1 + (i / s_perCoarse)] += Counts[1 + i];
        }
        return coarse;
    }

    /// <summary>The <paramref name="q"/>-quantile (0..1), interpolated within a fine bin; the range's ends for the open bins; NaN when empty.</summary>
    public double Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (Total == 0)
        {
            return double.NaN;
        }
        double target = q * Total;
        long seen = 0;
        for (int i = 0; i < Counts.Length; i++)
        {
            if (Counts[i] == 0 || seen + Counts[i] < target)
            {
                seen += Counts[i];
                continue;
            }
            if (i == 0)
            {
                return Min;
            }
            if (i == Counts.Length - 1)
            {
                return Max;
            }
            double low = Min + ((i - 1) * FineWidth);
            return low + (FineWidth * Math.Clamp((target - seen) / Counts[i], 0, 1));
        }
        return Max;
    }
}
