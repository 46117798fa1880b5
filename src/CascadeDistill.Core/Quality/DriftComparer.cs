using CascadeDistill.Pipelines;

namespace CascadeDistill.Quality;

/// <summary>Compares a partition's profile with the previous window's and applies the configured thresholds.</summary>
public static class DriftComparer
{
    public static DriftReport Compare(DateOnly partition, PartitionProfile current, PartitionProfile baseline, QualityDefinition quality)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(quality);
        var quantiles = current.Logits.Keys.Union(baseline.Logits.Keys).Order(StringComparer.Ordinal).ToDictionary(
            o => o,
            o => new LogitQuantiles(LogitQuantiles.Of(current.Logits.GetValueOrDefault(o)), LogitQuantiles.Of(baseline.Logits.GetValueOrDefault(o))),
            StringComparer.Ordinal);
        if (baseline.Requests == 0)
        {
            return new DriftReport(partition, [], [], quantiles);
        }
        var figures = new List<DriftFigure>
        {
            Figure(quality, DriftMetrics.RequestVolume, DriftMetrics.RequestVolume, current.RequestsPerDay, baseline.RequestsPerDay, RelativeChange(current.RequestsPerDay, baseline.RequestsPerDay)),
            Figure(quality, DriftMetrics.CandidatesPerRequest, DriftMetrics.CandidatesPerRequest, current.CandidatesPerRequest, baseline.CandidatesPerRequest, RelativeChange(current.CandidatesPerRequest, baseline.CandidatesPerRequest)),
        };
        foreach (string objective in current.Logits.Keys.Intersect(baseline.Logits.Keys).Order(StringComparer.Ordinal))
        {
            double js = JensenShannon.Divergence(current.Logits[objective].Coarse(), baseline.Logits[objective].Coarse());
            figures.Add(Figure(quality, DriftMetrics.TeacherLogitJs, DriftMetrics.TeacherLogitJs + "." + objective, quantiles[objective].Current["p50"], quantiles[objective].Baseline["p50"], js));
        }
        IReadOnlyDictionary<string, double> labels = baseline.LabelRates;
        foreach ((string objective, double rate) in current.LabelRates.Where(p => labels.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            figures.Add(Figure(quality, DriftMetrics.LabelRate, DriftMetrics.LabelRate + "." + objective, rate, labels[objective], RelativeChange(rate, labels[objective])));
        }
        IReadOnlyDictionary<string, double> coverage = baseline.Coverage;
        foreach ((string feature, double share) in current.Coverage.Where(p => coverage.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            figures.Add(Figure(quality, DriftMetrics.FeatureCoverage, DriftMetrics.FeatureCoverage + "." + feature, share, coverage[feature], Math.Max(0, coverage[feature] - share)));
        }
        return new DriftReport(partition, baseline.Days, figures, quantiles);
    }

    /// <summary>|current − baseline| / baseline; |current − baseline| when the baseline is 0.</summary>
    public static double RelativeChange(double current, double baseline) =>
        baseline == 0 ? Math.Abs(current - baseline) : Math.Abs(current - baseline) / Math.Abs(baseline);

    private static DriftFigure Figure(QualityDefinition quality, string metric, string name, double current, double baseline, double value)
    {
        DriftThresholdDefinition? gate = quality.Drift.GetValueOrDefault(metric);
        string status = gate?.Block is double block && value > block ? DriftFigure.Block
            : gate?.Warn is double warn && value > warn ? DriftFigure.Warn
            : DriftFigure.Ok;
        return new DriftFigure(name, Math.Round(current, 6), Math.Round(baseline, 6), Math.Round(value, 6), status);
    }
}
