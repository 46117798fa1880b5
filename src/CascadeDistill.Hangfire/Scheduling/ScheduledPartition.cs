namespace CascadeDistill.Hangfire.Scheduling;

/// <summary>
/// The partitions a recurring trigger may process, by the injected clock: days with logs up to the
/// watermark (yesterday, UTC; today is never chosen, because its logs are still being written) whose
/// whole window of logs exists, at most <c>maxDaysBack</c> days back from the watermark.
/// </summary>
public static class ScheduledPartition
{
    /// <summary>Yesterday in UTC at <paramref name="now"/>: the newest day that can be complete.</summary>
    public static DateOnly Watermark(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);

    /// <summary>
    /// Every day in [watermark − <paramref name="maxDaysBack"/> + 1, watermark] whose
    /// <paramref name="windowDays"/>-day window ending that day is entirely in <paramref name="available"/>, oldest first.
    /// </summary>
    public static IReadOnlyList<DateOnly> Eligible(IReadOnlyCollection<DateOnly> available, int windowDays, int maxDaysBack, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDaysBack, 1);
        var days = available as IReadOnlySet<DateOnly> ?? available.ToHashSet();
        DateOnly watermark = Watermark(now);
        var eligible = new List<DateOnly>();
        for (DateOnly day = watermark.AddDays(1 - maxDaysBack); day <= watermark; day = day.AddDays(1))
        {
            if (Enumerable.Range(0, windowDays).All(i => days.Contains(day.AddDays(-i))))
            {
                eligible.Add(day);
            }
        }
        return eligible;
    }
}
