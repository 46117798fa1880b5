using System.Text.RegularExpressions;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>Live progress of a Running run on the Runs and run pages, and metric trends across versions on the Models page.</summary>
[Collection(ServeHostCollection.Name)]
public sealed partial class DashboardProgressAndTrendsTests : IDisposable
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateOnly s_day = new(2025, 1, 6);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-dashboard-live-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task RunsAndRunDetail_RunningRunWithProgress_ShowStageEpochRowsAndLoss()
    {
        await using RunningServeHost host = await StartAsync();
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        IRunProgressStore progress = host.App.Services.GetRequiredService<IRunProgressStore>();
        RunClaim running = await runs.StartRunAsync(new StartRunRequest("recall-pointwise", s_day, s_day.AddDays(-3), s_day, Hash), CancellationToken.None);
        await runs.BeginStageAsync(running.Run.RunId, RunStage.TrainStudent, CancellationToken.None);
        await progress.SaveProgressAsync(
            running.Run.RunId,
            new RunProgress(RunStage.TrainStudent, 0.375, 12_345, 2, 4, 0.43215, "epoch 2/4", new DateTimeOffset(2025, 1, 7, 3, 4, 5, TimeSpan.Zero)),
            CancellationToken.None);

        string list = await host.Client.GetStringAsync(new Uri("/hangfire/runs", UriKind.Relative));
        string detail = await host.Client.GetStringAsync(new Uri("/hangfire/runs/" + running.Run.RunId, UriKind.Relative));

        const string Expected = "TrainStudent, 38%, epoch 2/4, 12,345 rows, loss 0.4322 (at 2025-01-07 03:04:05Z)";
        Assert.Contains(Expected, list, StringComparison.Ordinal);
        Assert.Contains(Expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsPage_FinishedRunWithOldProgress_ShowsNoProgress()
    {
        await using RunningServeHost host = await StartAsync();
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        RunClaim failed = await runs.StartRunAsync(new StartRunRequest("recall-pointwise", s_day, s_day.AddDays(-3), s_day, Hash), CancellationToken.None);
        await host.App.Services.GetRequiredService<IRunProgressStore>().SaveProgressAsync(
            failed.Run.RunId, new RunProgress(RunStage.BuildDataset, 0.5, null, null, null, null, "half way", DateTimeOffset.UnixEpoch), CancellationToken.None);
        await runs.FailRunAsync(failed.Run.RunId, "disk full", CancellationToken.None);

        string list = await host.Client.GetStringAsync(new Uri("/hangfire/runs", UriKind.Relative));

        Assert.Contains("disk full", list, StringComparison.Ordinal);
        Assert.DoesNotContain("half way", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_ThreeReadyVersions_PlotEachStudentMetricAcrossVersions()
    {
        await using RunningServeHost host = await StartAsync();
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        IModelRegistry registry = host.App.Services.GetRequiredService<IModelRegistry>();
        double[] ndcg = [0.40, 0.45, 0.43];
        for (int i = 0; i < ndcg.Length; i++)
        {
            RunClaim run = await runs.StartRunAsync(new StartRunRequest("recall-pointwise", s_day.AddDays(i), s_day.AddDays(i - 3), s_day.AddDays(i), Hash), CancellationToken.None);
            await ReadyVersionAsync(registry, new CreateVersionRequest("recall", run.Run.RunId, "recall-pointwise", Hash, Hash, Metrics(ndcg[i], recall: 0.8 + (i / 100.0))));
        }

        string html = await host.Client.GetStringAsync(new Uri("/hangfire/models", UriKind.Relative));

        MatchCollection trends = Trend().Matches(html);
        Assert.Equal(2, trends.Count); // ndcg@10 and recall@10, the student's metrics only
        string ndcgTrend = trends.Single(m => m.Value.Contains(">ndcg@10<", StringComparison.Ordinal)).Value;
        Assert.Equal(3, Polyline().Match(ndcgTrend).Groups["points"].Value.Split(' ').Length);
        Assert.Contains("<title>v2: 0.4500</title>", ndcgTrend, StringComparison.Ordinal);
        Assert.Contains(">0.4500<", ndcgTrend, StringComparison.Ordinal); // the y axis maximum
        Assert.Contains(">0.4000<", ndcgTrend, StringComparison.Ordinal); // the y axis minimum
        Assert.Contains(">v1<", ndcgTrend, StringComparison.Ordinal);
        Assert.Contains(">v3<", ndcgTrend, StringComparison.Ordinal);
    }

    private async Task ReadyVersionAsync(IModelRegistry registry, CreateVersionRequest request)
    {
        VersionClaim claim = await registry.CreatePendingVersionAsync(request, CancellationToken.None);
        string directory = new ArtifactLayout(Path.Combine(_root.FullName, "work")).GetVersionDirectory(request.ModelName, claim.Version.Version);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "model.onnx"), request.RunId);
        await registry.RecordArtifactsAsync(request.ModelName, claim.Version.Version, await ArtifactFiles.DescribeAsync(directory, CancellationToken.None), null, CancellationToken.None);
        await registry.MarkReadyAsync(request.ModelName, claim.Version.Version, CancellationToken.None);
    }

    private async Task<RunningServeHost> StartAsync() =>
        await RunningServeHost.StartAsync(new DirectoryInfo(Path.Combine(_root.FullName, "work")), _root.CreateSubdirectory("no-pipelines"));

    private static string Metrics(double ndcg, double recall) =>
        """{"student":{"ndcg@10":""" + ndcg.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ""","recall@10":""" + recall.ToString(System.Globalization.CultureInfo.InvariantCulture) + """},"random":{"ndcg@10":0.1}}""";

    [GeneratedRegex("<svg[^>]*class=\"metric-trend\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Trend();

    [GeneratedRegex("<polyline[^>]*points=\"(?<points>[^\"]*)\"")]
    private static partial Regex Polyline();
}
