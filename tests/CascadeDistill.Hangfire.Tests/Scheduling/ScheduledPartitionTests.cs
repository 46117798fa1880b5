using CascadeDistill.Hangfire.Scheduling;

namespace CascadeDistill.Hangfire.Tests.Scheduling;

public sealed class ScheduledPartitionTests
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 15, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Eligible_LogsUpToToday_EveryDayWithFullWindowUpToYesterday()
    {
        DateOnly[] logs = [new(2025, 1, 11), new(2025, 1, 12), new(2025, 1, 13), new(2025, 1, 14), new(2025, 1, 15)];

        Assert.Equal([new(2025, 1, 12), new(2025, 1, 13), new(2025, 1, 14)], ScheduledPartition.Eligible(logs, windowDays: 2, maxDaysBack: 14, s_now));
    }

    [Fact]
    public void Eligible_GapInLogs_SkipsDaysWhoseWindowIsIncomplete()
    {
        DateOnly[] logs = [new(2025, 1, 10), new(2025, 1, 11), new(2025, 1, 13), new(2025, 1, 14)];

        Assert.Equal([new(2025, 1, 11), new(2025, 1, 14)], ScheduledPartition.Eligible(logs, windowDays: 2, maxDaysBack: 14, s_now));
    }

    [Fact]
    public void Eligible_MaxDaysBack_BoundsTheRange()
    {
        DateOnly[] logs = [new(2025, 1, 11), new(2025, 1, 12), new(2025, 1, 13), new(2025, 1, 14)];

        Assert.Equal([new(2025, 1, 13), new(2025, 1, 14)], ScheduledPartition.Eligible(logs, windowDays: 1, maxDaysBack: 2, s_now));
    }

    [Fact]
    public void Eligible_OnlyToday_Nothing()
    {
        Assert.Empty(ScheduledPartition.Eligible([new DateOnly(2025, 1, 15)], windowDays: 1, maxDaysBack: 14, s_now));
        Assert.Empty(ScheduledPartition.Eligible([], windowDays: 1, maxDaysBack: 14, s_now));
    }

    [Fact]
    public void Watermark_NonUtcOffset_IsYesterdayInUtc()
    {
        Assert.Equal(new DateOnly(2025, 1, 14), ScheduledPartition.Watermark(new DateTimeOffset(2025, 1, 14, 20, 0, 0, TimeSpan.FromHours(-5))));
    }
}
