using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Hangfire.Dashboard;
using CascadeDistill.Hangfire.Dashboard.Authorization;
using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>Forced reruns through the real <c>serve</c> host: <c>run --server --force</c> twice 100 ms apart, and the dashboard's admin-only "Rerun".</summary>
[Collection(ServeHostCollection.Name)]
public sealed class ForcedRerunServeTests : IDisposable
{
    private static readonly DateOnly s_day = new(2025, 1, 14);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-force-serve-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task RunServerForce_TwoForcedRequests100MsApart_GiveOneNewRunAndOneNewVersion_OldVersionStaysReady()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        SimulateCommand.Execute(work, TinyPipelineFolder.Simulation, new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        DateOnly day = CliServices.Open(work.FullName).Runner.Logs.ListDays()[^1];
        await using RunningServeHost host = await RunningServeHost.StartAsync(work, pipelines);
        int first = await RemoteRun.ExecuteAsync(host.Address, TinyPipelineFolder.Pipeline, day, wait: true, TextWriter.Null, CancellationToken.None);
        using var forcedOutput = new StringWriter();

        Task<int> forcedA = RemoteRun.ExecuteAsync(host.Address, TinyPipelineFolder.Pipeline, day, wait: true, forcedOutput, CancellationToken.None, force: true);
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Task<int> forcedB = RemoteRun.ExecuteAsync(host.Address, TinyPipelineFolder.Pipeline, day, wait: true, TextWriter.Null, CancellationToken.None, force: true);
        int[] forced = await Task.WhenAll(forcedA, forcedB);

        Assert.Equal((0, 0, 0), (first, forced[0], forced[1]));
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        IReadOnlyList<RunRecord> all = await runs.ListRunsAsync(new RunQuery(), CancellationToken.None);
        Assert.Equal(2, all.Count);
        RunRecord original = all.Single(r => r.Generation == 0);
        RunRecord rerun = all.Single(r => r.Generation == 1);
        Assert.Equal((original.RunId, RunStatus.Succeeded, RunStatus.Succeeded), (rerun.SupersedesRunId, rerun.Status, original.Status));
        Assert.Contains($"superseding run {original.RunId}", forcedOutput.ToString(), StringComparison.Ordinal);
        IModelRegistry registry = host.App.Services.GetRequiredService<IModelRegistry>();
        IReadOnlyList<ModelVersion> versions = await registry.ListVersionsAsync(null, includeNonReady: true, CancellationToken.None);
        Assert.Equal([original.RunId, rerun.RunId], versions.OrderBy(v => v.Version).Select(v => v.RunId).ToArray());
        Assert.All(versions, v => Assert.Equal(ModelVersionStatus.Ready, v.Status));
        string models = await host.Client.GetStringAsync(new Uri("/hangfire/models", UriKind.Relative));
        Assert.Contains("superseded by v" + versions.Max(v => v.Version), models, StringComparison.Ordinal);
        Assert.Contains("rerun of v" + versions.Min(v => v.Version), models, StringComparison.Ordinal);
        string detail = await host.Client.GetStringAsync(new Uri("/hangfire" + DistillationDashboard.RunPath(rerun.RunId), UriKind.Relative));
        Assert.Contains("Forced rerun of", detail, StringComparison.Ordinal);
        Assert.Contains(original.RunId, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardRerun_AdminSeesTheButton_PostWithoutAntiforgeryOrAsViewer_IsRefusedAndEnqueuesNothing()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        await using RunningServeHost host = await RunningServeHost.StartAsync(work, pipelines, new Dictionary<string, string?>
        {
            ["Serve:DashboardReadOnly"] = "false",
            ["Serve:Dashboard:Authorization"] = "Basic",
            ["Serve:Dashboard:Users:0:Name"] = "admin",
            ["Serve:Dashboard:Users:0:PasswordHash"] = DashboardPasswordHash.Create("admin-pw", DashboardPasswordHash.MinIterations),
            ["Serve:Dashboard:Users:0:Admin"] = "true",
            ["Serve:Dashboard:Users:1:Name"] = "viewer",
            ["Serve:Dashboard:Users:1:PasswordHash"] = DashboardPasswordHash.Create("viewer-pw", DashboardPasswordHash.MinIterations),
        });
        RunRecord run = await SucceededRunAsync(host.App.Services.GetRequiredService<IRunStore>());
        string rerunPath = "/hangfire" + DistillationDashboard.RerunPath(run.RunId);

        using HttpResponseMessage adminPage = await SendAsync(host, HttpMethod.Get, "/hangfire/runs", Basic("admin", "admin-pw"));
        using HttpResponseMessage viewerPage = await SendAsync(host, HttpMethod.Get, "/hangfire/runs", Basic("viewer", "viewer-pw"));
        using HttpResponseMessage viewerPost = await SendAsync(host, HttpMethod.Post, rerunPath, Basic("viewer", "viewer-pw"));
        using HttpResponseMessage adminPostWithoutToken = await SendAsync(host, HttpMethod.Post, rerunPath, Basic("admin", "admin-pw"));
        using HttpResponseMessage anonymousPost = await host.Client.PostAsync(new Uri(rerunPath, UriKind.Relative), null);

        Assert.Contains($"data-ajax=\"{rerunPath}\"", await adminPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, viewerPage.StatusCode);
        Assert.DoesNotContain("/rerun", await viewerPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(viewerPost.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminPostWithoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPost.StatusCode);
        global::Hangfire.Storage.Monitoring.StatisticsDto jobs = host.App.Services.GetRequiredService<global::Hangfire.JobStorage>().GetMonitoringApi().GetStatistics();
        Assert.Equal(0, jobs.Enqueued + jobs.Scheduled + jobs.Processing + jobs.Succeeded + jobs.Failed);
    }

    [Fact]
    public async Task DashboardRerun_AdminWithTheAntiforgeryTokenOfThePage_EnqueuesOneForcedRerunOfThatRun()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        await using RunningServeHost host = await RunningServeHost.StartAsync(
            work, pipelines, new Dictionary<string, string?> { ["Serve:DashboardReadOnly"] = "false", ["Serve:WorkerCount"] = "1" },
            configureServices: services => services.AddSingleton<global::Hangfire.IBackgroundJobClient>(new RecordingJobClient()));
        RunRecord run = await SucceededRunAsync(host.App.Services.GetRequiredService<IRunStore>());
        string page = await host.Client.GetStringAsync(new Uri("/hangfire/runs", UriKind.Relative));
        string header = Meta(page, "csrf-header");
        string token = Meta(page, "csrf-token");

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/hangfire" + DistillationDashboard.RerunPath(run.RunId), UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([]),
        };
        request.Headers.Add(header, token);
        using HttpResponseMessage response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var recorded = (RecordingJobClient)host.App.Services.GetRequiredService<global::Hangfire.IBackgroundJobClient>();
        global::Hangfire.Common.Job job = Assert.Single(recorded.Created, c => c.Job.Method.Name == nameof(DistillationJob.RerunAsync)).Job;
        Assert.Equal([TinyPipelineFolder.Pipeline, DistillationJob.Format(s_day), run.RunId], job.Args.Take(3).ToArray());
    }

    private static string Meta(string html, string name)
    {
        System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"" + name + "\" content=\"([^\"]+)\"");
        Assert.True(match.Success, $"the page has no {name} meta tag");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>A Succeeded run written straight into the store (the Runs page needs no model version).</summary>
    private static async Task<RunRecord> SucceededRunAsync(IRunStore runs)
    {
        LeasedRunClaim claim = await runs.ClaimRunAsync(
            new StartRunRequest(TinyPipelineFolder.Pipeline, s_day, s_day.AddDays(-3), s_day, new string('c', 64)),
            new RunLease("test", TimeSpan.FromMinutes(5)),
            CancellationToken.None);
        foreach (RunStage stage in Enum.GetValues<RunStage>())
        {
            await runs.BeginStageAsync(claim.Run.RunId, stage, CancellationToken.None);
            await runs.CompleteStageAsync(claim.Run.RunId, stage, null, CancellationToken.None);
        }
        return await runs.CompleteRunAsync(claim.Run.RunId, CancellationToken.None);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    private static Task<HttpResponseMessage> SendAsync(RunningServeHost host, HttpMethod method, string path, AuthenticationHeaderValue authorization)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Headers = { Authorization = authorization } };
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([]);
        }
        return host.Client.SendAsync(request);
    }
}
