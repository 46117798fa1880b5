using System.Net;
using System.Text.RegularExpressions;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Evaluation;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Training;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>
/// The dashboard's Runs, run detail and Models pages served by the real host on loopback over a SQLite
/// work directory populated through the store APIs, or by a real tiny run.
/// </summary>
[Collection(ServeHostCollection.Name)]
public sealed partial class DashboardPagesTests : IDisposable
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateOnly s_day = new(2025, 1, 6);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-dashboard-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task RunsAndRunDetail_StoredRun_ShowStagesAccountingMetricsAndLossCurve()
    {
        await using RunningServeHost host = await StartAsync();
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        string runId = await SucceededRunAsync(runs, "recall-pointwise", epochs: 3, ndcg: 0.4321);

        using HttpResponseMessage list = await host.Client.GetAsync(new Uri("/hangfire/runs", UriKind.Relative));
        string listHtml = await list.Content.ReadAsStringAsync();
        string detail = await host.Client.GetStringAsync(new Uri("/hangfire/runs/" + runId, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("recall-pointwise", listHtml, StringComparison.Ordinal);
        Assert.Contains("/hangfire/runs/" + runId, listHtml, StringComparison.Ordinal);
        Assert.Contains("TrainStudent Succeeded", listHtml, StringComparison.Ordinal);
        Assert.Contains("rowsRead 1,000", listHtml, StringComparison.Ordinal);
        Assert.Contains("rowsSkipped 40", listHtml, StringComparison.Ordinal);
        Assert.Contains("ndcg@10 0.4321", listHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/hangfire/models\"", listHtml, StringComparison.Ordinal);

        Assert.Contains("2025-01-06", detail, StringComparison.Ordinal);
        Assert.Contains("0.4321", detail, StringComparison.Ordinal);
        Assert.Contains("rowsSkipped.missing_label", detail, StringComparison.Ordinal);
        Assert.Contains("<svg", detail, StringComparison.Ordinal);
        Assert.Equal(3, PolylinePoints(detail));
    }

    [Fact]
    public async Task RunDetail_UnknownRun_Returns404AndPostIsRefused()
    {
        await using RunningServeHost host = await StartAsync();

        using HttpResponseMessage missing = await host.Client.GetAsync(new Uri("/hangfire/runs/no-such-run", UriKind.Relative));
        using HttpResponseMessage post = await host.Client.PostAsync(new Uri("/hangfire/runs", UriKind.Relative), new StringContent(""));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
    }

    [Fact]
    public async Task Pages_MaliciousPipelineAndReason_AreHtmlEncoded()
    {
        const string Pipeline = "<script>alert('p')</script>";
        const string Reason = "<img src=x onerror=alert(1)>";
        await using RunningServeHost host = await StartAsync();
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        RunClaim claim = await runs.StartRunAsync(new StartRunRequest(Pipeline, s_day, s_day.AddDays(-3), s_day, Hash), CancellationToken.None);
        await runs.SaveMetricsAsync(claim.Run.RunId, """{"student":{"<b>bold</b>":0.5}}""", CancellationToken.None);
        await runs.FailRunAsync(claim.Run.RunId, Reason, CancellationToken.None);

        string list = await host.Client.GetStringAsync(new Uri("/hangfire/runs", UriKind.Relative));
        string detail = await host.Client.GetStringAsync(new Uri("/hangfire/runs/" + claim.Run.RunId, UriKind.Relative));

        foreach (string html in new[] { list, detail })
        {
            Assert.DoesNotContain(Pipeline, html, StringComparison.Ordinal);
            Assert.DoesNotContain(Reason, html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#39;p&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Models_TwoVersions_ShowMetricsWithDeltaFromPreviousVersion()
    {
        await using RunningServeHost host = await StartAsync();
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        IModelRegistry registry = host.App.Services.GetRequiredService<IModelRegistry>();
        string first = await SucceededRunAsync(runs, "recall-pointwise", epochs: 2, ndcg: 0.4);
        string second = await SucceededRunAsync(runs, "recall-pointwise", epochs: 2, ndcg: 0.45, day: s_day.AddDays(1));
        await registry.CreatePendingVersionAsync(new CreateVersionRequest("recall", first, "recall-pointwise", Hash, Hash, Metrics(0.4)), CancellationToken.None);
        await registry.MarkFailedAsync("recall", 1, "parity check failed", CancellationToken.None);
        await registry.CreatePendingVersionAsync(new CreateVersionRequest("recall", second, "recall-pointwise", Hash, Hash, Metrics(0.45)), CancellationToken.None);

        using HttpResponseMessage response = await host.Client.GetAsync(new Uri("/hangfire/models", UriKind.Relative));
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("v1", html, StringComparison.Ordinal);
        Assert.Contains("v2", html, StringComparison.Ordinal);
        Assert.Contains("Pending", html, StringComparison.Ordinal);
        Assert.Contains("parity check failed", html, StringComparison.Ordinal);
        Assert.Contains("ndcg@10 0.4500 (+0.0500 vs v1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDetail_RealTinyRun_ShowsMetricsAndOnePointPerEpoch()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        var observer = new TerminalRunObserver(TextWriter.Null, interactive: false);
        SimulateCommand.Execute(work, TinyPipelineFolder.Simulation, observer, CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        PipelineRunResult result = await RunCommand.ExecuteAsync(
            work, RunCommand.LoadPipeline(pipelines, TinyPipelineFolder.Pipeline), partition: null, observer, CancellationToken.None);
        // The host gets no pipelines, so its start-up catch-up starts no other run.
        await using RunningServeHost host = await RunningServeHost.StartAsync(work, _root.CreateSubdirectory("no-pipelines"));

        string list = await host.Client.GetStringAsync(new Uri("/hangfire/runs", UriKind.Relative));
        string detail = await host.Client.GetStringAsync(new Uri("/hangfire/runs/" + result.RunId, UriKind.Relative));
        string models = await host.Client.GetStringAsync(new Uri("/hangfire/models", UriKind.Relative));

        Assert.Contains(result.RunId[..8], list, StringComparison.Ordinal);
        Assert.Contains("Succeeded", detail, StringComparison.Ordinal);
        Assert.Contains(DashboardNumber(result.Metrics["student." + MetricNames.CandidateNdcg(10)]), detail, StringComparison.Ordinal);
        Assert.Equal(2, PolylinePoints(detail));
        Assert.Contains("Ready", models, StringComparison.Ordinal);
    }

    private async Task<RunningServeHost> StartAsync() =>
        await RunningServeHost.StartAsync(new DirectoryInfo(Path.Combine(_root.FullName, "work")), _root.CreateSubdirectory("no-pipelines"));

    private static async Task<string> SucceededRunAsync(IRunStore runs, string pipeline, int epochs, double ndcg, DateOnly? day = null)
    {
        DateOnly partition = day ?? s_day;
        RunClaim claim = await runs.StartRunAsync(new StartRunRequest(pipeline, partition, partition.AddDays(-3), partition, Hash), CancellationToken.None);
        string runId = claim.Run.RunId;
        EpochRecord[] curve = Enumerable.Range(1, epochs).Select(e => new EpochRecord(e, 1.0 / e, 1000, 0.5)).ToArray();
        foreach (RunStage stage in new[] { RunStage.ReadLogs, RunStage.BuildDataset, RunStage.TrainStudent })
        {
            await runs.BeginStageAsync(runId, stage, CancellationToken.None);
            await runs.CompleteStageAsync(runId, stage, stage == RunStage.TrainStudent ? TrainingCurveJson.Serialize(curve) : null, CancellationToken.None);
        }
        await runs.SaveRowAccountingAsync(runId, """{"rowsRead":1000,"rowsUsed":960,"rowsSkipped":{"missing_label":30,"unknown_item":10}}""", CancellationToken.None);
        await runs.SaveMetricsAsync(runId, Metrics(ndcg), CancellationToken.None);
        await runs.CompleteRunAsync(runId, CancellationToken.None);
        return runId;
    }

    private static string Metrics(double ndcg) =>
        """{"student":{"ndcg@10":""" + ndcg.ToString(System.Globalization.CultureInfo.InvariantCulture) + """},"random":{"ndcg@10":0.1}}""";

    private static string DashboardNumber(double value) => value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);

    private static int PolylinePoints(string html)
    {
        Match polyline = Polyline().Match(html);
        Assert.True(polyline.Success, "no <polyline> in the page");
        return polyline.Groups["points"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    [GeneratedRegex("<polyline[^>]*points=\"(?<points>[^\"]*)\"")]
    private static partial Regex Polyline();
}
