using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Datasets;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Simulation;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary>
/// Stage checkpoints: a run that dies after a stage resumes after it (nothing before it redone, verified by
/// size and SHA-256), a corrupt or missing checkpoint is redone with the reason logged, and the published
/// version records the dataset and metrics of the attempt that produced its files.
/// </summary>
public sealed class StageCheckpointTests : IDisposable
{
    private static readonly SimulationOptions s_tiny = TinyPipelineFolder.Simulation with { Days = 3, RequestsPerDay = 200 };

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-ckpt-");
    private readonly StringWriter _log = new();
    private readonly TerminalRunObserver _observer;

    public StageCheckpointTests() => _observer = new TerminalRunObserver(_log, interactive: false);

    public void Dispose()
    {
        _log.Dispose();
        _work.Delete(recursive: true);
    }

    [Theory]
    [InlineData(RunStage.TrainStudent, new[] { RunStage.BuildDataset })]
    [InlineData(RunStage.EvaluateStudent, new[] { RunStage.BuildDataset, RunStage.TrainStudent })]
    [InlineData(RunStage.ExportOnnx, new[] { RunStage.BuildDataset, RunStage.TrainStudent, RunStage.EvaluateStudent })]
    [InlineData(RunStage.PublishModel, new[] { RunStage.BuildDataset, RunStage.TrainStudent, RunStage.EvaluateStudent, RunStage.ExportOnnx })]
    public async Task Rerun_DiedBeforeStage_ReusesEveryEarlierStageAndPublishesOneVersion(RunStage diedBefore, RunStage[] reused)
    {
        (PipelineRunnerServices services, CountingTrainer trainer) = Open();
        PipelineRunnerServices dying = services with { Runs = new StageFailingRunStore(services.Runs, diedBefore) };

        await Assert.ThrowsAsync<IOException>(() => new PipelineRunner(dying, _observer).RunAsync(Pipeline(), null, CancellationToken.None));
        var rerun = new PipelineRunner(services, _observer);
        PipelineRunResult result = await rerun.RunAsync(Pipeline(), null, CancellationToken.None);

        Assert.Equal(reused, rerun.ReusedStages.Order());
        Assert.Equal(1, trainer.Calls); // trained once in all: never retrained after the student was saved
        ModelVersion version = Assert.Single(await services.Registry.ListVersionsAsync(null, includeNonReady: true, CancellationToken.None));
        Assert.Equal(ModelVersionStatus.Ready, version.Status);
        await AssertVersionRecordsTheRunAsync(services, result);
    }

    [Fact]
    public async Task Rerun_StudentCheckpointCorrupted_RetrainsSayingWhyAndReusesTheDataset()
    {
        (PipelineRunnerServices services, CountingTrainer trainer) = Open();
        PipelineRunnerServices dying = services with { Runs = new StageFailingRunStore(services.Runs, RunStage.ExportOnnx) };
        await Assert.ThrowsAsync<IOException>(() => new PipelineRunner(dying, _observer).RunAsync(Pipeline(), null, CancellationToken.None));
        string weights = Assert.Single(Directory.GetFiles(Path.Combine(_work.FullName, "checkpoints"), StudentWeightsFile.FileName, SearchOption.AllDirectories));
        byte[] bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0x5A;
        File.WriteAllBytes(weights, bytes);

        var rerun = new PipelineRunner(services, _observer);
        PipelineRunResult result = await rerun.RunAsync(Pipeline(), null, CancellationToken.None);

        Assert.Equal([RunStage.BuildDataset], rerun.ReusedStages);
        Assert.Equal(2, trainer.Calls);
        Assert.Contains("TrainStudent: the checkpoint of attempt 1 is not reused", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("sha256_mismatch", _log.ToString(), StringComparison.Ordinal);
        Assert.Equal(ModelVersionStatus.Ready, Assert.Single(await services.Registry.ListVersionsAsync(null, includeNonReady: true, CancellationToken.None)).Status);
        await AssertVersionRecordsTheRunAsync(services, result);
    }

    [Fact]
    public async Task Rerun_DatasetFileMissing_RebuildsAndRetrainsSayingWhy()
    {
        (PipelineRunnerServices services, CountingTrainer trainer) = Open();
        PipelineRunnerServices dying = services with { Runs = new StageFailingRunStore(services.Runs, RunStage.EvaluateStudent) };
        await Assert.ThrowsAsync<IOException>(() => new PipelineRunner(dying, _observer).RunAsync(Pipeline(), null, CancellationToken.None));
        File.Delete(Assert.Single(Directory.GetFiles(Path.Combine(_work.FullName, "datasets"), DatasetBuilder.DataFileName, SearchOption.AllDirectories)));

        var rerun = new PipelineRunner(services, _observer);
        PipelineRunResult result = await rerun.RunAsync(Pipeline(), null, CancellationToken.None);

        Assert.Empty(rerun.ReusedStages);
        Assert.Equal(2, trainer.Calls);
        Assert.Contains("BuildDataset: the checkpoint of attempt 1 is not reused", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("[missing]", _log.ToString(), StringComparison.Ordinal);
        await AssertVersionRecordsTheRunAsync(services, result);
    }

    [Fact]
    public async Task Rerun_PendingVersionOfAnEarlierAttemptRecordsAnotherDataset_IsFailedAndTheNewVersionRecordsThisAttempt()
    {
        (PipelineRunnerServices services, _) = Open();
        PipelineRunnerServices dying = services with { Runs = new StageFailingRunStore(services.Runs, RunStage.ExportOnnx) };
        await Assert.ThrowsAsync<IOException>(() => new PipelineRunner(dying, _observer).RunAsync(Pipeline(), null, CancellationToken.None));
        RunRecord failed = Assert.Single(await services.Runs.ListRunsAsync(new RunQuery(null, null, 10), CancellationToken.None));
        // What an earlier attempt that built another dataset would have left: a Pending version with its lineage.
        VersionClaim stale = await services.Registry.CreatePendingVersionAsync(
            new CreateVersionRequest(Pipeline().Publish.ModelName, failed.RunId, failed.Pipeline, failed.ConfigHash, new string('a', 64), """{"student":{"x":1}}"""),
            CancellationToken.None);

        PipelineRunResult result = await new PipelineRunner(services, _observer).RunAsync(Pipeline(), null, CancellationToken.None);

        ModelVersion old = (await services.Registry.GetVersionAsync(stale.Version.ModelName, stale.Version.Version, CancellationToken.None))!;
        Assert.Equal(ModelVersionStatus.Failed, old.Status);
        Assert.StartsWith("superseded", old.FailureReason, StringComparison.Ordinal);
        Assert.NotEqual(old.Version, result.Version.Version);
        await AssertVersionRecordsTheRunAsync(services, result);
    }

    private static async Task AssertVersionRecordsTheRunAsync(PipelineRunnerServices services, PipelineRunResult result)
    {
        RunRecord run = (await services.Runs.GetRunAsync(result.RunId, CancellationToken.None))!;
        Assert.Equal(RunStatus.Succeeded, run.Status);
        ModelVersion version = (await services.Registry.GetVersionAsync(result.Version.ModelName, result.Version.Version, CancellationToken.None))!;
        Assert.Equal(ModelVersionStatus.Ready, version.Status);
        string manifest = Path.Combine(services.Layout.DatasetDirectory(run.Pipeline, run.RunId), DatasetManifest.FileName);
        Assert.Contains(version.DatasetDigest, await File.ReadAllTextAsync(manifest), StringComparison.Ordinal);
        Assert.Equal(run.MetricsJson, version.MetricsJson);
    }

    private (PipelineRunnerServices Services, CountingTrainer Trainer) Open()
    {
        SimulateCommand.Execute(_work, s_tiny, _observer, CancellationToken.None);
        PipelineRunnerServices services = CliServices.Open(_work.FullName).Runner;
        var trainer = new CountingTrainer(services.Trainer);
        return (services with { Trainer = trainer }, trainer);
    }

    private static PipelineDefinition Pipeline()
    {
        PipelineDefinition shipped = RunCommand.LoadPipeline(RepositoryPaths.Pipelines(), DemoCommand.DemoPipeline);
        return shipped with
        {
            Logs = shipped.Logs with { WindowDays = 3, HoldoutDays = 1 },
            Training = shipped.Training with { Epochs = 1, BatchSize = 256 },
            Evaluation = shipped.Evaluation with { MaxRequests = 50 },
        };
    }
}
