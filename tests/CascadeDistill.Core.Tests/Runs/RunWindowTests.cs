using CascadeDistill.Runs;

namespace CascadeDistill.Core.Tests.Runs;

public sealed class RunWindowTests
{
    private static readonly DateOnly s_day = new(2026, 11, 8);

    [Fact]
    public void Resolve_SplitsTrainAndHoldoutDaysEndingAtPartition()
    {
        HashSet<DateOnly> available = Enumerable.Range(0, 10).Select(i => s_day.AddDays(-i)).ToHashSet();
        RunWindow window = RunWindow.Resolve(s_day, windowDays: 4, holdoutDays: 1, available);

        Assert.Equal([s_day.AddDays(-3), s_day.AddDays(-2), s_day.AddDays(-1)], window.TrainDays);
        Assert.Equal([s_day], window.HoldoutDays);
        Assert.Equal(s_day.AddDays(-3), window.First);
    }

    [Fact]
    public void Resolve_MissingDays_ListsEveryOne()
    {
        HashSet<DateOnly> available = [s_day, s_day.AddDays(-2)];
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => RunWindow.Resolve(s_day, 4, 1, available));
        Assert.Contains("2026-11-07", error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-11-05", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-11-06,", error.Message, StringComparison.Ordinal);
    }
}
