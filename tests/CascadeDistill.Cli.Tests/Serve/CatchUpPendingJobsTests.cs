using CascadeDistill.Arrow.Logs;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Scheduling;
using CascadeDistill.Pipelines;
using CascadeDistill.Runs;
using CascadeDistill.Storage.Sqlite;
using CascadeDistill.Testing;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.Logging;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>
/// Catch-up against real Hangfire (in-memory) storage with no server working the queues, an injected clock, the SQLite
/// run table and 6 simulated days (3 eligible partitions): a tick leaves out the days whose jobs still wait.
/// It joins the serve-host collection and gives Hangfire a logger of its own: the storage logs through Hangfire's
/// process-wide log provider, which an earlier in-process host left bound to its disposed logger factory.
/// </summary>
[Collection(ServeHostCollection.Name)]
public sealed class CatchUpPendingJobsTests : IDisposable
{
    private static readonly DateOnly s_start = new(2025, 1, 1);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-pending-");
    private readonly SettableTimeProvider _clock = new(new DateTimeOffset(2025, 1, 7, 3, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorage _storage;

    public CatchUpPendingJobsTests()
    {
        LogProvider.SetCurrentLogProvider(new AspNetCoreLogProvider(NullLoggerFactory.Instance));
        _storage = new InMemoryStorage();
    }

    public void Dispose()
    {
        _storage.Dispose();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task CatchUp_SecondTickWhileJobsWait_EnqueuesNothing_AfterOneJobIsDeleted_EnqueuesOnlyItsDay()
    {
        var client = new BackgroundJobClient(_storage);
        DistillationScheduleJob catchUp = await OpenAsync(client);

        IReadOnlyList<string> first = await catchUp.CatchUpAsync(TinyPipelineFolder.Pipeline, CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(6));
        IReadOnlyList<string> second = await catchUp.CatchUpAsync(TinyPipelineFolder.Pipeline, CancellationToken.None);
        client.ChangeState(first[1], new ScheduledState(TimeSpan.FromMinutes(5)));
        IReadOnlyList<string> whileRetryWaits = await catchUp.CatchUpAsync(TinyPipelineFolder.Pipeline, CancellationToken.None);
        client.ChangeState(first[1], new DeletedState());
        IReadOnlyList<string> afterDelete = await catchUp.CatchUpAsync(TinyPipelineFolder.Pipeline, CancellationToken.None);

        Assert.Equal(3, first.Count);
        Assert.Empty(second);
        Assert.Empty(whileRetryWaits);
        string again = Assert.Single(afterDelete);
        Assert.Equal("2025-01-05", (string)_storage.GetConnection().GetJobData(again).Job.Args[1]);
        Assert.Equal(3, _storage.GetMonitoringApi().EnqueuedJobs(DistillationQueues.Dataset, 0, 100).Count(j => j.Value.InEnqueuedState));
    }

    [Fact]
    public async Task PendingPartitions_OtherPipelineOrNoPartition_AreNotCounted()
    {
        var client = new BackgroundJobClient(_storage);
        client.Enqueue<DistillationJob>(job => job.RunAsync("other-pipeline", "2025-01-05", CancellationToken.None));
        client.Enqueue<DistillationJob>(job => job.RunAsync(TinyPipelineFolder.Pipeline, null, CancellationToken.None));
        client.Enqueue<DistillationJob>(job => job.TrainAsync(TinyPipelineFolder.Pipeline, "2025-01-06", CancellationToken.None));

        IReadOnlySet<DateOnly> pending = new HangfirePendingDistillationJobs(_storage).PendingPartitions(TinyPipelineFolder.Pipeline);

        Assert.Equal([new DateOnly(2025, 1, 6)], pending);
    }

    private async Task<DistillationScheduleJob> OpenAsync(IBackgroundJobClient client)
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        SimulateCommand.Execute(
            work, TinyPipelineFolder.Simulation with { Days = 6, StartDay = s_start, RequestsPerDay = 20 },
            new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        var layout = new WorkLayout(work.FullName);
        SqliteRegistryDatabase database = await SqliteRegistryDatabase.OpenAsync(layout.Database, CancellationToken.None);
        return new DistillationScheduleJob(
            new PipelineCatalogue(pipelines.FullName), new ArrowLogStore(layout.Logs), new SqliteRunStore(database, _clock), _clock, client,
            Options.Create(new DistillationScheduleOptions()), NullLogger<DistillationScheduleJob>.Instance, new HangfirePendingDistillationJobs(_storage));
    }
}
