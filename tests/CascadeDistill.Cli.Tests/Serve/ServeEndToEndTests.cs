using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Registry;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>The served product end to end: tiny simulated logs, Hangfire jobs through the real host, the SQLite run table.</summary>
[Collection(ServeHostCollection.Name)]
public sealed class ServeEndToEndTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-serve-e2e-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task DistillationJob_TwoTriggers100MsApart_OneRunAndOneReadyVersion()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        SimulateCommand.Execute(work, TinyPipelineFolder.Simulation, new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        DateOnly partition = CliServices.Open(work.FullName).Runner.Logs.ListDays()[^1];
        string day = DistillationJob.Format(partition);

        await using RunningServeHost host = await RunningServeHost.StartAsync(work, pipelines, new Dictionary<string, string?> { ["Serve:WorkerCount"] = "2" });
        IBackgroundJobClient client = host.App.Services.GetRequiredService<IBackgroundJobClient>();
        string first = client.Enqueue<DistillationJob>(job => job.RunAsync(TinyPipelineFolder.Pipeline, day, CancellationToken.None));
        await Task.Delay(100);
        string second = client.Enqueue<DistillationJob>(job => job.RunAsync(TinyPipelineFolder.Pipeline, day, CancellationToken.None));

        JobStorage storage = host.App.Services.GetRequiredService<JobStorage>();
        Assert.Equal(SucceededState.StateName, await WaitForFinalStateAsync(storage, first));
        Assert.Equal(SucceededState.StateName, await WaitForFinalStateAsync(storage, second));

        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        RunRecord run = Assert.Single(await runs.ListRunsAsync(new RunQuery(), CancellationToken.None));
        Assert.Equal((RunStatus.Succeeded, partition, 1), (run.Status, run.Partition, run.Attempt));
        IModelRegistry registry = host.App.Services.GetRequiredService<IModelRegistry>();
        ModelVersion version = Assert.Single(await registry.ListVersionsAsync(TinyPipelineFolder.Pipeline, includeNonReady: true, CancellationToken.None));
        Assert.Equal((ModelVersionStatus.Ready, run.RunId), (version.Status, version.RunId));
    }

    private static async Task<string> WaitForFinalStateAsync(JobStorage storage, string jobId)
    {
        DateTime deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            using var connection = storage.GetConnection();
            string? state = connection.GetStateData(jobId)?.Name;
            if (state == SucceededState.StateName || state == FailedState.StateName || state == DeletedState.StateName)
            {
                return state!;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Job {jobId} did not finish.");
    }
}
