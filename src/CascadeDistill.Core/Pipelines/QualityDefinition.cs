namespace CascadeDistill.Pipelines;

/// <summary>
/// The <c>quality</c> section: how much of a run's logs may be quarantined, and the drift gates comparing the
/// run's partition day with the <see cref="BaselineDays"/> days before it (docs/import.md, "Drift figures").
/// </summary>
/// <param name="MaxQuarantineRate">Largest share (0..1) of the window's log bytes in files set aside at run time, and of the rows set aside by the imports that wrote the window's files; above either the run fails before training.</param>
/// <param name="BaselineDays">Days before the partition that form the previous window (those present are used).</param>
/// <param name="Drift">Thresholds by drift figure (<see cref="DriftMetrics"/>).</param>
public sealed record QualityDefinition(double MaxQuarantineRate, int BaselineDays, IReadOnlyDictionary<string, DriftThresholdDefinition> Drift)
{
    public static QualityDefinition Default { get; } = new(
        0.05,
        7,
        new Dictionary<string, DriftThresholdDefinition>(StringComparer.Ordinal)
        {
            [DriftMetrics.RequestVolume] = new(0.5, null),
            [DriftMetrics.CandidatesPerRequest] = new(0.25, null),
            [DriftMetrics.TeacherLogitJs] = new(0.05, null),
            [DriftMetrics.LabelRate] = new(0.5, null),
            [DriftMetrics.FeatureCoverage] = new(0.1, null),
        });

    /// <summary>True when this is the default (kept out of the config hash so that existing pipelines keep theirs).</summary>
    public bool IsDefault =>
        MaxQuarantineRate == Default.MaxQuarantineRate && BaselineDays == Default.BaselineDays
        && Drift.Count == Default.Drift.Count
        && Drift.All(p => Default.Drift.TryGetValue(p.Key, out DriftThresholdDefinition? d) && d == p.Value);
}
