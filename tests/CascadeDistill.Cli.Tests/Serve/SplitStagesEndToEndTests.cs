using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>Serve:Queues:SplitStages on the real host: the dataset job hands over to a training job; one run, one Ready version, the dataset built once.</summary>
[Collection(ServeHostCollection.Name)]
public sealed class SplitStagesEndToEndTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-split-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task RunServerWait_SplitStages_DatasetJobHandsOverAndTheRunPublishesOneVersion()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        SimulateCommand.Execute(work, TinyPipelineFolder.Simulation, new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        DateOnly day = CliServices.Open(work.FullName).Runner.Logs.ListDays()[^1];
        await using RunningServeHost host = await RunningServeHost.StartAsync(work, pipelines, new Dictionary<string, string?>
        {
            ["Serve:Queues:SplitStages"] = "true",
            ["Serve:Queues:DatasetWorkers"] = "1",
            ["Serve:Queues:TrainingWorkers"] = "1",
        });
        using var output = new StringWriter();

        int code = await RemoteRun.ExecuteAsync(host.Address, TinyPipelineFolder.Pipeline, day, wait: true, output, CancellationToken.None);

        Assert.True(code == 0, $"run --server --wait exited {code}:\n{output}");
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        RunRecord run = Assert.Single(await runs.ListRunsAsync(new RunQuery(), CancellationToken.None));
        // Attempt 1 built the dataset on the dataset queue; the training job (a later attempt) reused it from its checkpoint.
        // The host's start-up catch-up may enqueue the same day too: its dataset job also reuses the checkpoint.
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.True(run.Attempt >= 2, $"attempt {run.Attempt}: the training half never ran as its own attempt");
        IRunCheckpointStore checkpoints = (IRunCheckpointStore)runs;
        Assert.Equal(1, (await checkpoints.ListCheckpointsAsync(run.RunId, CancellationToken.None)).Single(c => c.Stage == RunStage.BuildDataset).Attempt);
        IModelRegistry registry = host.App.Services.GetRequiredService<IModelRegistry>();
        ModelVersion version = Assert.Single(await registry.ListVersionsAsync(null, includeNonReady: true, CancellationToken.None));
        Assert.Equal((ModelVersionStatus.Ready, run.RunId), (version.Status, version.RunId));
    }
}
