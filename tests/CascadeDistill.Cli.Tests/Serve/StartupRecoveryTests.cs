using CascadeDistill.Arrow.Logs;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Scheduling;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Storage.Sqlite;
using CascadeDistill.Testing;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>
/// Catch-up and start-up resume against the real SQLite run table and Arrow log store, with an injected
/// clock and a recording job client: 6 simulated days and a 4-day window make 3 eligible partitions.
/// </summary>
public sealed class StartupRecoveryTests : IDisposable
{
    private static readonly DateOnly s_start = new(2025, 1, 1);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-recovery-");
    private readonly SettableTimeProvider _clock = new(new DateTimeOffset(2025, 1, 7, 3, 0, 0, TimeSpan.Zero));
    private readonly RecordingJobClient _jobs = new();

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task CatchUp_ThreeMissedDays_ThreeJobsOnceEachAndSecondTickEnqueuesNothing()
    {
        (DistillationScheduleJob catchUp, IRunStore runs, PipelineDefinition pipeline) = await OpenAsync();

        IReadOnlyList<string> first = await catchUp.CatchUpAsync(TinyPipelineFolder.Pipeline, CancellationToken.None);

        Assert.Equal(3, first.Count);
        Assert.Equal(["2025-01-04", "2025-01-05", "2025-01-06"], EnqueuedPartitions());
        foreach (string day in EnqueuedPartitions())
        {
            await SucceedAsync(runs, pipeline, DistillationJob.ParsePartition(day)!.Value);
        }
        _clock.Advance(TimeSpan.FromHours(6));
        _jobs.Created.Clear();

        Assert.Empty(await catchUp.CatchUpAsync(TinyPipelineFolder.Pipeline, CancellationToken.None));
        Assert.Empty(_jobs.Created);
    }

    [Fact]
    public async Task RecoverAsync_InterruptedRuns_ResumedOnceEachAndOthersCaughtUp()
    {
        (DistillationScheduleJob catchUp, IRunStore runs, PipelineDefinition pipeline) = await OpenAsync();
        var deadWorker = new RunLease("dead-host:1:a", TimeSpan.FromMinutes(1));
        RunRecord expired = (await runs.ClaimRunAsync(Request(pipeline, new(2025, 1, 4)), deadWorker, CancellationToken.None)).Run;
        RunRecord cancelled = (await runs.ClaimRunAsync(Request(pipeline, new(2025, 1, 5)), deadWorker, CancellationToken.None)).Run;
        await runs.FailRunAsync(cancelled.RunId, PipelineRunner.CancelledReason, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var justDied = new RunLease("dead-host:2:b", TimeSpan.FromMinutes(1));
        RunRecord live = (await runs.ClaimRunAsync(Request(pipeline, new(2025, 1, 6)), justDied, CancellationToken.None)).Run;
        var recovery = new StartupRecovery(new PipelineCatalogue(Pipelines().FullName), runs, _clock, _jobs, catchUp, NullLogger<StartupRecovery>.Instance);

        IReadOnlyList<string> ids = await recovery.RecoverAsync(CancellationToken.None);

        Assert.Equal(3, ids.Count);
        Assert.Equal(["2025-01-04", "2025-01-05", "2025-01-06"], _jobs.Created.Select(c => (string)c.Job.Args[1]).Order());
        var states = _jobs.Created.ToDictionary(c => (string)c.Job.Args[1], c => c.State);
        Assert.Equal(EnqueuedState.StateName, states["2025-01-04"].Name);
        Assert.Equal(EnqueuedState.StateName, states["2025-01-05"].Name);
        var scheduled = Assert.IsType<ScheduledState>(states["2025-01-06"]);
        RunLeaseHolder lease = (await runs.GetLeaseAsync(live.RunId, CancellationToken.None))!;
        Assert.Equal(lease.ExpiresAt.UtcDateTime.AddSeconds(1), scheduled.EnqueueAt, TimeSpan.FromMilliseconds(5));
        Assert.Equal(RunStatus.Running, (await runs.GetRunAsync(expired.RunId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task RecoverAsync_DeterministicFailure_NotResumedButCaughtUpOnce()
    {
        (DistillationScheduleJob catchUp, IRunStore runs, PipelineDefinition pipeline) = await OpenAsync();
        RunRecord failed = (await runs.ClaimRunAsync(Request(pipeline, new(2025, 1, 6)), new RunLease("w:1:c", TimeSpan.FromMinutes(1)), CancellationToken.None)).Run;
        await runs.FailRunAsync(failed.RunId, "InvalidDataException: bad logs", CancellationToken.None);
        await SucceedAsync(runs, pipeline, new(2025, 1, 4));
        await SucceedAsync(runs, pipeline, new(2025, 1, 5));
        var recovery = new StartupRecovery(new PipelineCatalogue(Pipelines().FullName), runs, _clock, _jobs, catchUp, NullLogger<StartupRecovery>.Instance);

        await recovery.RecoverAsync(CancellationToken.None);

        Assert.Equal(["2025-01-06"], EnqueuedPartitions());
    }

    private string[] EnqueuedPartitions() => _jobs.Created.Select(c => (string)c.Job.Args[1]).ToArray();

    private DirectoryInfo Pipelines() => new(Path.Combine(_root.FullName, "pipelines"));

    private async Task<(DistillationScheduleJob CatchUp, IRunStore Runs, PipelineDefinition Pipeline)> OpenAsync()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        SimulateCommand.Execute(
            work, TinyPipelineFolder.Simulation with { Days = 6, StartDay = s_start, RequestsPerDay = 20 },
            new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Pipelines().FullName);
        var layout = new WorkLayout(work.FullName);
        SqliteRegistryDatabase database = await SqliteRegistryDatabase.OpenAsync(layout.Database, CancellationToken.None);
        var runs = new SqliteRunStore(database, _clock);
        var catalogue = new PipelineCatalogue(pipelines.FullName);
        var catchUp = new DistillationScheduleJob(
            catalogue, new ArrowLogStore(layout.Logs), runs, _clock, _jobs, Options.Create(new DistillationScheduleOptions()), NullLogger<DistillationScheduleJob>.Instance);
        return (catchUp, runs, catalogue.Load(TinyPipelineFolder.Pipeline));
    }

    private static StartRunRequest Request(PipelineDefinition pipeline, DateOnly day) =>
        new(pipeline.Name, day, day.AddDays(1 - pipeline.Logs.WindowDays), day, PipelineConfigHash.Compute(pipeline));

    /// <summary>What a finished distillation job leaves in the run table.</summary>
    private static async Task SucceedAsync(IRunStore runs, PipelineDefinition pipeline, DateOnly day)
    {
        RunClaim claim = await runs.StartRunAsync(Request(pipeline, day), CancellationToken.None);
        await runs.CompleteRunAsync(claim.Run.RunId, CancellationToken.None);
    }
}
