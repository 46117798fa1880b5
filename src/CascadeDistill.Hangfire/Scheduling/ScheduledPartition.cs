namespace CascadeDistill.Hangfire.Scheduling;

/// <summary>
/// The partition a recurring trigger processes: the newest day that has logs and is at most yesterday
/// (UTC) by the injected clock. Today is never chosen, because its logs are still being written.
/// </summary>
public static class ScheduledPartition
{
    /// <summary>Yesterday in UTC at <paramref name="now"/>: the newest day that can be complete.</summary>
    public static DateOnly Watermark(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);

    /// <summary>The newest of <paramref name="available"/> on or before <see cref="Watermark"/>, or null.</summary>
    public static DateOnly? NewestComplete(IEnumerable<DateOnly> available, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(available);
        DateOnly watermark = Watermark(now);
        DateOnly? newest = null;
        foreach (DateOnly day in available)
        {
            if (day <= watermark && (newest is null || day > newest))
            {
                newest = day;
            }
        }
        return newest;
    }
}
