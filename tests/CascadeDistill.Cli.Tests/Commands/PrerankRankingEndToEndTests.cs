using System.Text.Json;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Datasets;
using CascadeDistill.Evaluation;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary>
/// The shipped prerank-bpr (pairwise BPR) and prerank-listwise-ndcg (LambdaNDCG) pipelines on tiny
/// simulated logs: Ready version, ONNX parity, balanced row accounting, pair counts in the manifest,
/// a student that beats random on NDCG@10 against the teacher's order.
/// </summary>
public sealed class PrerankRankingEndToEndTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-ranking-");

    public void Dispose() => _work.Delete(recursive: true);

    [Theory]
    [InlineData("prerank-bpr", PairwiseRecipe.Name)]
    [InlineData("prerank-listwise-ndcg", ListwiseRecipe.Name)]
    public async Task Run_TinySimulatedLogs_StudentBeatsRandomWithParity(string name, string recipe)
    {
        var observer = new TerminalRunObserver(TextWriter.Null, interactive: false);
        SimulateCommand.Execute(_work, TinyPipelineFolder.Simulation, observer, CancellationToken.None);
        PipelineDefinition shipped = RunCommand.LoadPipeline(RepositoryPaths.Pipelines(), name);
        Assert.Equal(recipe, shipped.Dataset.Recipe);
        PipelineDefinition pipeline = shipped with
        {
            Logs = shipped.Logs with { WindowDays = 4, HoldoutDays = 1 },
            // The shipped epochs are tuned for the benchmark world; three are enough to learn the tiny one.
            Training = shipped.Training with { BatchSize = 256, Epochs = Math.Min(shipped.Training.Epochs, 3) },
            Evaluation = shipped.Evaluation with { MaxRequests = 200 },
        };

        PipelineRunResult result = await RunCommand.ExecuteAsync(_work, pipeline, partition: null, observer, CancellationToken.None);

        Assert.Equal(ModelVersionStatus.Ready, result.Version.Status);
        Assert.InRange(result.ParityMaxAbsDiff, 0, 1e-5);
        Assert.Equal(result.Accounting!.RowsRead, result.Accounting.RowsUsed + result.Accounting.RowsSkipped.Values.Sum());
        string ndcg = MetricNames.CandidateNdcg(10);
        double student = result.Metrics["student." + ndcg];
        double random = result.Metrics["random." + ndcg];
        Assert.True(student > random + 0.1, $"student NDCG@10 {student} vs random {random}");
        AssertPairCounts(recipe == PairwiseRecipe.Name);
    }

    private void AssertPairCounts(bool pairwise)
    {
        string manifest = Assert.Single(Directory.GetFiles(_work.FullName, DatasetManifest.FileName, SearchOption.AllDirectories));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(manifest));
        JsonElement pairs = json.RootElement.GetProperty("pairs");
        if (!pairwise)
        {
            Assert.Equal(JsonValueKind.Null, pairs.ValueKind);
            return;
        }
        long generated = pairs.GetProperty("pairsGenerated").GetInt64();
        long kept = pairs.GetProperty("pairsKept").GetInt64();
        Assert.True(kept > 0);
        Assert.Equal(generated, pairs.GetProperty("pairsDroppedZeroWeight").GetInt64() + pairs.GetProperty("pairsCapped").GetInt64() + kept);
        Assert.Equal(json.RootElement.GetProperty("accounting").GetProperty("requestsUsed").GetInt64(), pairs.GetProperty("lists").GetInt64());
    }
}
