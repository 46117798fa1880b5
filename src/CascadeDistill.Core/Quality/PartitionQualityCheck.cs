using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Quality;

/// <summary>
/// The checks a run makes before training, also run by <c>cascade-distill validate</c>: every file of the window's
/// days and of the baseline days is screened (<see cref="ILogStore.Check"/>), then the partition day is profiled
/// and compared with the <see cref="QualityDefinition.BaselineDays"/> days before it that have logs.
/// </summary>
public static class PartitionQualityCheck
{
    /// <param name="windowDays">The days the run reads besides the baseline (for <c>validate</c>: the partition alone).</param>
    public static PartitionQualityReport Check(
        ILogStore logs,
        DateOnly partition,
        IReadOnlyList<DateOnly> windowDays,
        LogReadRequest request,
        QualityDefinition quality,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(windowDays);
        ArgumentNullException.ThrowIfNull(quality);
        DateOnly[] baselineDays = [.. logs.ListDays().Where(d => d < partition && d >= partition.AddDays(-quality.BaselineDays))];
        DateOnly[] days = [.. windowDays.Concat(baselineDays).Append(partition).Distinct().Order()];
        LogScreening screening = LogScreening.Screen(logs, days.SelectMany(logs.ListFiles), cancellationToken);
        var screened = new ScreenedLogStore(logs, screening);
        DateOnly[] usableBaseline = [.. baselineDays.Where(d => screened.ListFiles(d).Count > 0)];
        PartitionProfile current = PartitionProfile.Read(screened, [partition], request, cancellationToken);
        PartitionProfile baseline = PartitionProfile.Read(screened, usableBaseline, request, cancellationToken);
        DriftReport drift = DriftComparer.Compare(partition, current, baseline, quality);
        return new PartitionQualityReport(partition, screening, quality.MaxQuarantineRate, drift);
    }
}
