using CascadeDistill.Imports;

namespace CascadeDistill.Quality;

/// <summary>The serialisable form of a <see cref="PartitionQualityReport"/> (run record, <c>validate --json</c>).</summary>
public sealed record QualitySummary(
    DateOnly Partition,
    int FilesChecked,
    long BytesChecked,
    IReadOnlyList<QuarantinedFileSummary> FilesQuarantined,
    double QuarantineRate,
    double MaxQuarantineRate,
    IReadOnlyList<DateOnly> BaselineDays,
    IReadOnlyList<DriftFigure> Drift,
    IReadOnlyDictionary<string, LogitQuantiles> TeacherLogits,
    IReadOnlyList<string> BlockingReasons)
{
    public static QualitySummary Of(PartitionQualityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new QualitySummary(
            report.Partition,
            report.Screening.Files.Count,
            report.Screening.BytesRead,
            [.. report.Screening.Quarantined.Select(f => new QuarantinedFileSummary(f.File.Path, f.File.Day, f.File.Bytes, f.ReasonCode!, f.Detail!))],
            Math.Round(report.Screening.QuarantineRate, 6),
            report.MaxQuarantineRate,
            report.Drift.BaselineDays,
            report.Drift.Figures,
            report.Drift.TeacherLogits,
            report.BlockingReasons);
    }

    /// <summary>In a run record: the imports that wrote the files of the run's days, with their row accounting (empty when not imported).</summary>
    public IReadOnlyList<ImportAccountingSummary> Imports { get; init; } = [];
}

/// <summary>A log file set aside whole at run time.</summary>
public sealed record QuarantinedFileSummary(string Path, DateOnly Day, long Bytes, string Reason, string Detail);
