using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Scheduling;
using CascadeDistill.Hangfire.Tests.Support;
using CascadeDistill.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CascadeDistill.Hangfire.Tests.Scheduling;

public sealed class DistillationScheduleJobTests
{
    [Fact]
    public void EnqueueNewest_LogsUpToToday_EnqueuesRunForYesterdayAsExplicitArgument()
    {
        var clock = new SettableTimeProvider(new DateTimeOffset(2025, 1, 15, 3, 0, 0, TimeSpan.Zero));
        var client = new RecordingJobClient();
        var job = new DistillationScheduleJob(new DaysOnlyLogStore(new(2025, 1, 14), new(2025, 1, 15)), clock, client, NullLogger<DistillationScheduleJob>.Instance);

        string? id = job.EnqueueNewest("recall");

        Assert.NotNull(id);
        var created = Assert.Single(client.Created);
        Assert.Equal(typeof(DistillationJob), created.Type);
        Assert.Equal(nameof(DistillationJob.RunAsync), created.Method.Name);
        Assert.Equal("recall", created.Args[0]);
        Assert.Equal("2025-01-14", created.Args[1]);
    }

    [Fact]
    public void EnqueueNewest_SameClockTwice_EnqueuesTheSameDay()
    {
        var clock = new SettableTimeProvider(new DateTimeOffset(2025, 1, 15, 3, 0, 0, TimeSpan.Zero));
        var client = new RecordingJobClient();
        var job = new DistillationScheduleJob(new DaysOnlyLogStore(new DateOnly(2025, 1, 14)), clock, client, NullLogger<DistillationScheduleJob>.Instance);

        job.EnqueueNewest("recall");
        clock.Advance(TimeSpan.FromHours(5));
        job.EnqueueNewest("recall");

        Assert.All(client.Created, j => Assert.Equal("2025-01-14", j.Args[1]));
    }

    [Fact]
    public void EnqueueNewest_NoCompleteDay_EnqueuesNothing()
    {
        var clock = new SettableTimeProvider(new DateTimeOffset(2025, 1, 15, 3, 0, 0, TimeSpan.Zero));
        var client = new RecordingJobClient();
        var job = new DistillationScheduleJob(new DaysOnlyLogStore(new DateOnly(2025, 1, 15)), clock, client, NullLogger<DistillationScheduleJob>.Instance);

        Assert.Null(job.EnqueueNewest("recall"));
        Assert.Empty(client.Created);
    }
}
