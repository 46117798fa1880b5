using CascadeDistill.Hangfire.Scheduling;

namespace CascadeDistill.Hangfire.Tests.Scheduling;

public sealed class ScheduledPartitionTests
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 15, 0, 30, 0, TimeSpan.Zero);

    [Fact]
    public void NewestComplete_TodaysLogsPresent_ChoosesYesterday() =>
        Assert.Equal(new DateOnly(2025, 1, 14), ScheduledPartition.NewestComplete([new(2025, 1, 13), new(2025, 1, 14), new(2025, 1, 15)], s_now));

    [Fact]
    public void NewestComplete_YesterdayMissing_ChoosesTheNewestEarlierDay() =>
        Assert.Equal(new DateOnly(2025, 1, 12), ScheduledPartition.NewestComplete([new(2025, 1, 12), new(2025, 1, 10)], s_now));

    [Fact]
    public void NewestComplete_OnlyTodayOrNothing_ReturnsNull()
    {
        Assert.Null(ScheduledPartition.NewestComplete([new(2025, 1, 15)], s_now));
        Assert.Null(ScheduledPartition.NewestComplete([], s_now));
    }

    [Fact]
    public void Watermark_NonUtcOffset_IsYesterdayInUtc() =>
        Assert.Equal(new DateOnly(2025, 1, 14), ScheduledPartition.Watermark(new DateTimeOffset(2025, 1, 14, 20, 0, 0, TimeSpan.FromHours(-5))));
}
