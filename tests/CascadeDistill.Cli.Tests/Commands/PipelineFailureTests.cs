using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Simulation;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary>Failure paths of a run: nothing half-published, no second version, the original error reported.</summary>
public sealed class PipelineFailureTests : IDisposable
{
    private static readonly SimulationOptions s_tiny = TinyPipelineFolder.Simulation with { Days = 3, RequestsPerDay = 200 };

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-fail-");
    private readonly TerminalRunObserver _observer = new(TextWriter.Null, interactive: false);

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Run_SameLogFileDeliveredTwice_FailsBeforeTrainingAndPublishesNothing()
    {
        SimulateCommand.Execute(_work, s_tiny, _observer, CancellationToken.None);
        string partition = Path.Combine(_work.FullName, "logs", LogContract.PartitionFolder(s_tiny.StartDay));
        File.Copy(Path.Combine(partition, SimulateLogs.FileName), Path.Combine(partition, "part-00001.arrow"));
        CliServices services = CliServices.Open(_work.FullName);

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(
            () => new PipelineRunner(services.Runner, _observer).RunAsync(Pipeline(), null, CancellationToken.None));

        Assert.Contains("duplicate_file", error.Message, StringComparison.Ordinal);
        IReadOnlyList<RunRecord> runs = await services.Runner.Runs.ListRunsAsync(new RunQuery(null, null, 10), CancellationToken.None);
        RunRecord run = Assert.Single(runs);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("duplicate_file", run.FailureReason, StringComparison.Ordinal);
        Assert.Empty(await services.Runner.Registry.ListVersionsAsync(null, includeNonReady: true, CancellationToken.None));
    }

    [Fact]
    public async Task Run_CrashAfterPublishBeforeRunCompletes_RerunFinishesBookkeepingWithoutSecondVersion()
    {
        SimulateCommand.Execute(_work, s_tiny, _observer, CancellationToken.None);
        CliServices services = CliServices.Open(_work.FullName);
        PipelineRunnerServices flaky = services.Runner with { Runs = new FailOnceRunStore(services.Runner.Runs) };

        await Assert.ThrowsAsync<IOException>(() => new PipelineRunner(flaky, _observer).RunAsync(Pipeline(), null, CancellationToken.None));
        PipelineRunResult rerun = await new PipelineRunner(services.Runner, _observer).RunAsync(Pipeline(), null, CancellationToken.None);

        Assert.True(rerun.AlreadyDone);
        ModelVersion version = Assert.Single(await services.Runner.Registry.ListVersionsAsync(null, includeNonReady: true, CancellationToken.None));
        Assert.Equal(ModelVersionStatus.Ready, version.Status);
        Assert.Equal(version.Version, rerun.Version.Version);
        RunRecord? run = await services.Runner.Runs.GetRunAsync(rerun.RunId, CancellationToken.None);
        Assert.Equal(RunStatus.Succeeded, run!.Status);
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
