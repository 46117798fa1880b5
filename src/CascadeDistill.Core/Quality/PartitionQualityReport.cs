namespace CascadeDistill.Quality;

/// <summary>What <see cref="PartitionQualityCheck"/> found for one partition: the files checked (window and baseline days), the drift figures, and whether it would block a run.</summary>
public sealed record PartitionQualityReport(
    DateOnly Partition,
    LogScreening Screening,
    double MaxQuarantineRate,
    DriftReport Drift)
{
    public bool QuarantineRateExceeded => Screening.QuarantineRate > MaxQuarantineRate;

    /// <summary>Why a run on this partition would be refused before training (empty: it would not).</summary>
    public IReadOnlyList<string> BlockingReasons =>
    [
        .. QuarantineRateExceeded
            ? [string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"[{DataQualityException.QuarantineRateExceeded}] {Screening.QuarantineRate:P2} of the log bytes are quarantined ({string.Join(", ", Screening.FilesQuarantinedByReason.Select(p => $"{p.Key}: {p.Value} file(s)"))}), above quality.max_quarantine_rate {MaxQuarantineRate:P2}")]
            : Array.Empty<string>(),
        .. Drift.Blocking.Select(f => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"[{DataQualityException.DriftBlocked}] {f.Name} = {f.Value:G4} (partition {f.Current:G6}, baseline {f.Baseline:G6}) is above its block threshold")),
    ];
}
