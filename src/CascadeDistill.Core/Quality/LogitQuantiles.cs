namespace CascadeDistill.Quality;

/// <summary>Teacher-logit quantiles of the partition and of the baseline, keyed p01, p05, p25, p50, p75, p95, p99.</summary>
public sealed record LogitQuantiles(IReadOnlyDictionary<string, double> Current, IReadOnlyDictionary<string, double> Baseline)
{
    public static readonly (string Name, double Q)[] Levels = [("p01", 0.01), ("p05", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99)];

    public static IReadOnlyDictionary<string, double> Of(LogitHistogram? histogram) =>
        Levels.ToDictionary(l => l.Name, l => histogram is null ? double.NaN : Math.Round(histogram.Quantile(l.Q), 4), StringComparer.Ordinal);
}
