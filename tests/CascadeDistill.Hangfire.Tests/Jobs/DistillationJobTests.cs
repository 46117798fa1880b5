using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Tests.Support;
using CascadeDistill.Runs;
using global::Hangfire;
using global::Hangfire.InMemory;
using global::Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;

namespace CascadeDistill.Hangfire.Tests.Jobs;

public sealed class DistillationJobTests
{
    [Fact]
    public async Task RunAsync_ExplicitPartition_PassesTheDayToTheLauncher()
    {
        DateOnly? seen = null;
        var launcher = new ScriptedLauncher((_, day, _) =>
        {
            seen = day;
            return Task.FromResult(PipelineRunOutcome.Skipped(new RunAlreadyRunning("r1", "recall", day!.Value, "other", DateTimeOffset.UnixEpoch)));
        });

        await Job(launcher).RunAsync("recall", "2025-01-14", CancellationToken.None);

        Assert.Equal(new DateOnly(2025, 1, 14), seen);
    }

    [Fact]
    public async Task RunAsync_AlreadyRunningElsewhere_ReturnsNormally()
    {
        var launcher = new ScriptedLauncher((_, _, _) =>
            Task.FromResult(PipelineRunOutcome.Skipped(new RunAlreadyRunning("r1", "recall", new DateOnly(2025, 1, 14), "other", DateTimeOffset.UnixEpoch))));

        await Job(launcher).RunAsync("recall", null, CancellationToken.None);

        Assert.Equal(1, launcher.Calls);
    }

    [Theory]
    [InlineData("14/01/2025")]
    [InlineData("2025-1-14")]
    [InlineData("")]
    public async Task RunAsync_MalformedPartition_ThrowsWithoutRunning(string partition)
    {
        ScriptedLauncher launcher = ScriptedLauncher.Throwing(new InvalidOperationException("must not run"));

        await Assert.ThrowsAsync<ArgumentException>(() => Job(launcher).RunAsync("recall", partition, CancellationToken.None));

        Assert.Equal(0, launcher.Calls);
    }

    [Fact]
    public async Task RunAsync_Cancelled_PropagatesTheCancellation()
    {
        using var cancel = new CancellationTokenSource();
        var launcher = new ScriptedLauncher(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });

        Task run = Job(launcher).RunAsync("recall", "2025-01-14", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_ServerShutsDownMidRun_JobIsNotSucceeded()
    {
        using var storage = new InMemoryStorage();
        using var started = new SemaphoreSlim(0);
        var launcher = new ScriptedLauncher(async (_, _, token) =>
        {
            started.Release();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        string jobId = new BackgroundJobClient(storage).Enqueue<DistillationJob>(job => job.RunAsync("recall", "2025-01-14", CancellationToken.None));

        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 1, Queues = [DistillationQueues.Dataset, DistillationQueues.Training, DistillationQueues.Default], ShutdownTimeout = TimeSpan.FromSeconds(5), Activator = new SingleJobActivator(launcher) }, storage))
        {
            Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(20)), "the job never started");
        }

        using var connection = storage.GetConnection();
        Assert.NotEqual(SucceededState.StateName, connection.GetStateData(jobId)?.Name);
    }

    private static DistillationJob Job(IDistillationRunLauncher launcher) => new(launcher, NullLogger<DistillationJob>.Instance);
}
