using System.Net;
using System.Net.Http.Json;
using System.Text;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Serve;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary><c>run --server</c> against the real <c>serve</c> host on loopback, and the run API's refusals.</summary>
[Collection(ServeHostCollection.Name)]
public sealed class RunEndpointsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-remote-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task RunServerWait_TwiceForOneDay_RunsOnceOnTheServerAndBothSucceedWithTheSameVersion()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        SimulateCommand.Execute(work, TinyPipelineFolder.Simulation, new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        string day = DistillationJob.Format(CliServices.Open(work.FullName).Runner.Logs.ListDays()[^1]);
        await using RunningServeHost host = await RunningServeHost.StartAsync(work, pipelines);
        using var firstOutput = new StringWriter();

        int first = await RemoteRun.ExecuteAsync(host.Address, TinyPipelineFolder.Pipeline, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), wait: true, firstOutput, CancellationToken.None);
        int second = await CliRoot.Create()
            .Parse(["run", "--pipeline", TinyPipelineFolder.Pipeline, "--partition", day, "--server", host.Address.ToString(), "--wait"])
            .InvokeAsync();

        Assert.Equal((0, 0), (first, second));
        Assert.Contains("succeeded", firstOutput.ToString(), StringComparison.Ordinal);
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        RunRecord run = Assert.Single(await runs.ListRunsAsync(new RunQuery(), CancellationToken.None));
        Assert.Equal((RunStatus.Succeeded, day), (run.Status, DistillationJob.Format(run.Partition)));
        IModelRegistry registry = host.App.Services.GetRequiredService<IModelRegistry>();
        ModelVersion version = Assert.Single(await registry.ListVersionsAsync(null, includeNonReady: true, CancellationToken.None));
        Assert.Equal((ModelVersionStatus.Ready, run.RunId), (version.Status, version.RunId));
        Assert.Contains($"v{version.Version}", firstOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRuns_UnknownPipelineBadPartitionOrNotJson_RefusedAndNothingEnqueued()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        work.Create();
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        await using RunningServeHost host = await RunningServeHost.StartAsync(work, pipelines);

        using HttpResponseMessage unknown = await host.Client.PostAsJsonAsync(RunEndpoints.RunsPath, new RunSubmission("no-such-pipeline", null));
        using HttpResponseMessage badDay = await host.Client.PostAsJsonAsync(RunEndpoints.RunsPath, new RunSubmission(TinyPipelineFolder.Pipeline, "22/11/2026"));
        using HttpResponseMessage form = await host.Client.PostAsync(
            RunEndpoints.RunsPath, new StringContent("pipeline=" + TinyPipelineFolder.Pipeline, Encoding.UTF8, "application/x-www-form-urlencoded"));
        using HttpResponseMessage noJob = await host.Client.GetAsync(RunEndpoints.RunsPath + "/12345");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        Assert.Contains("yyyy-MM-dd", await badDay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noJob.StatusCode);
        global::Hangfire.Storage.Monitoring.StatisticsDto jobs = host.App.Services.GetRequiredService<global::Hangfire.JobStorage>().GetMonitoringApi().GetStatistics();
        Assert.Equal(0, jobs.Enqueued + jobs.Scheduled + jobs.Processing + jobs.Succeeded + jobs.Failed);
    }
}
