using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Tests.Support;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using global::Hangfire;
using global::Hangfire.InMemory;
using global::Hangfire.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Hangfire.Tests.Jobs;

/// <summary>Dataset and training queues: a split run hands its training half to the training queue.</summary>
public sealed class DistillationJobQueueTests
{
    [Fact]
    public void Enqueue_RunAsyncAndTrainAsync_LandOnTheDatasetAndTrainingQueues()
    {
        using var storage = new InMemoryStorage();
        var client = new BackgroundJobClient(storage);

        client.Enqueue<DistillationJob>(job => job.RunAsync("recall", "2025-01-14", CancellationToken.None));
        client.Enqueue<DistillationJob>(job => job.TrainAsync("recall", "2025-01-14", CancellationToken.None));

        IMonitoringApi monitoring = storage.GetMonitoringApi();
        Assert.Equal(nameof(DistillationJob.RunAsync), Assert.Single(monitoring.EnqueuedJobs(DistillationQueues.Dataset, 0, 10)).Value.Job.Method.Name);
        Assert.Equal(nameof(DistillationJob.TrainAsync), Assert.Single(monitoring.EnqueuedJobs(DistillationQueues.Training, 0, 10)).Value.Job.Method.Name);
    }

    [Fact]
    public async Task RunAsync_SplitStages_StopsAfterBuildDatasetAndEnqueuesTheTrainingHalf()
    {
        using var storage = new InMemoryStorage();
        var launcher = new ScriptedLauncher((_, _, _) => Task.FromResult(PipelineRunOutcome.Stopped("r1", RunStage.BuildDataset)));
        var job = new DistillationJob(launcher, NullLogger<DistillationJob>.Instance, Options.Create(new DistillationQueueOptions { SplitStages = true }), new BackgroundJobClient(storage));

        await job.RunAsync("recall", "2025-01-14", CancellationToken.None);

        Assert.Equal(RunStage.BuildDataset, launcher.LastStopAfter);
        var training = Assert.Single(storage.GetMonitoringApi().EnqueuedJobs(DistillationQueues.Training, 0, 10)).Value.Job;
        Assert.Equal((nameof(DistillationJob.TrainAsync), "recall", "2025-01-14"), (training.Method.Name, (string)training.Args[0], (string?)training.Args[1]));
    }

    [Fact]
    public async Task RunAsync_NotSplit_RunsToTheEndAndEnqueuesNothing()
    {
        using var storage = new InMemoryStorage();
        var launcher = new ScriptedLauncher((_, day, _) =>
            Task.FromResult(PipelineRunOutcome.Skipped(new RunAlreadyRunning("r1", "recall", day!.Value, "other", DateTimeOffset.UnixEpoch))));
        var job = new DistillationJob(launcher, NullLogger<DistillationJob>.Instance, Options.Create(new DistillationQueueOptions()), new BackgroundJobClient(storage));

        await job.RunAsync("recall", "2025-01-14", CancellationToken.None);

        Assert.Null(launcher.LastStopAfter);
        Assert.Equal(0, storage.GetMonitoringApi().GetStatistics().Enqueued);
    }

    [Fact]
    public async Task TrainAsync_Always_RunsToTheEnd()
    {
        var launcher = new ScriptedLauncher((_, day, _) =>
            Task.FromResult(PipelineRunOutcome.Skipped(new RunAlreadyRunning("r1", "recall", day!.Value, "other", DateTimeOffset.UnixEpoch))));
        var job = new DistillationJob(launcher, NullLogger<DistillationJob>.Instance, Options.Create(new DistillationQueueOptions { SplitStages = true }));

        await job.TrainAsync("recall", "2025-01-14", CancellationToken.None);

        Assert.Equal((1, (RunStage?)null), (launcher.Calls, launcher.LastStopAfter));
    }

    [Fact]
    public void Validate_SplitWithNoWorkersAndWorkersWithoutSplit_ListsEachErrorWithItsPath()
    {
        var validator = new DistillationQueueOptionsValidator();

        var noWorkers = validator.Validate(null, new DistillationQueueOptions { SplitStages = true, DatasetWorkers = 0, TrainingWorkers = 0 });
        var notSplit = validator.Validate(null, new DistillationQueueOptions { TrainingWorkers = 4 });
        var gpuHost = validator.Validate(null, new DistillationQueueOptions { SplitStages = true, DatasetWorkers = 0, TrainingWorkers = 1 });

        Assert.Contains("Serve:Queues:DatasetWorkers", Assert.Single(noWorkers.Failures!), StringComparison.Ordinal);
        Assert.Contains("Serve:Queues:SplitStages", Assert.Single(notSplit.Failures!), StringComparison.Ordinal);
        Assert.True(gpuHost.Succeeded);
    }
}
