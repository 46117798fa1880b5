using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary><c>run</c> when another worker holds the run's lease.</summary>
public sealed class RunCommandLeaseTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-lease-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Run_AnotherWorkerHoldsTheRun_ExitsWithCode3AndDoesNothing()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        SimulateCommand.Execute(work, TinyPipelineFolder.Simulation, new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        PipelineDefinition pipeline = RunCommand.LoadPipeline(pipelines, TinyPipelineFolder.Pipeline);
        PipelineRunnerServices services = CliServices.Open(work.FullName).Runner;
        IReadOnlyList<DateOnly> days = services.Logs.ListDays();
        RunWindow window = RunWindow.Resolve(days[^1], pipeline.Logs.WindowDays, pipeline.Logs.HoldoutDays, days);
        LeasedRunClaim held = await services.Runs.ClaimRunAsync(
            new StartRunRequest(pipeline.Name, days[^1], window.First, window.Last, PipelineConfigHash.Compute(pipeline)),
            new RunLease("other-worker", TimeSpan.FromMinutes(10)),
            CancellationToken.None);

        RunAlreadyRunningException error = await Assert.ThrowsAsync<RunAlreadyRunningException>(
            () => RunCommand.ExecuteAsync(work, pipeline, null, new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None));
        int code = await CliRoot.Create()
            .Parse(["run", "--pipeline", TinyPipelineFolder.Pipeline, "--work-dir", work.FullName, "--pipelines", pipelines.FullName])
            .InvokeAsync();

        Assert.Equal(CommandErrors.AlreadyRunning, code);
        Assert.Equal(("other-worker", held.Run.RunId), (error.Details.Owner, error.Details.RunId));
        RunRecord run = (await services.Runs.GetRunAsync(held.Run.RunId, CancellationToken.None))!;
        Assert.Equal((RunStatus.Running, 1), (run.Status, run.Attempt));
        Assert.Empty(run.Stages);
        Assert.Empty(await services.Registry.ListVersionsAsync(pipeline.Publish.ModelName, includeNonReady: true, CancellationToken.None));
    }
}
