namespace CascadeDistill.Quality;

/// <summary>
/// A partition compared with the previous window: the figures with their status, and the teacher-logit
/// quantiles (p01 … p99) of both by objective. <see cref="BaselineDays"/> empty = no previous day, nothing compared.
/// </summary>
public sealed record DriftReport(
    DateOnly Partition,
    IReadOnlyList<DateOnly> BaselineDays,
    IReadOnlyList<DriftFigure> Figures,
    IReadOnlyDictionary<string, LogitQuantiles> TeacherLogits)
{
    public IReadOnlyList<DriftFigure> Warnings => [.. Figures.Where(f => f.Status == DriftFigure.Warn)];

    public IReadOnlyList<DriftFigure> Blocking => [.. Figures.Where(f => f.Status == DriftFigure.Block)];
}
