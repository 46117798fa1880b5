using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Evaluation;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Simulation;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary>The whole product on tiny simulated logs: simulate → run → a Ready version whose ONNX files match the trained model.</summary>
public sealed class PipelineEndToEndTests : IDisposable
{
    private static readonly SimulationOptions s_tiny = TinyPipelineFolder.Simulation;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-e2e-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Run_TinySimulatedLogs_PublishesReadyVersionThatBeatsBaselinesWithParity()
    {
        var observer = new TerminalRunObserver(TextWriter.Null, interactive: false);
        SimulateCommand.Execute(_work, s_tiny, observer, CancellationToken.None);
        PipelineDefinition pipeline = TinyPipeline();

        PipelineRunResult result = await RunCommand.ExecuteAsync(_work, pipeline, partition: null, observer, CancellationToken.None);

        Assert.False(result.AlreadyDone);
        Assert.Equal(ModelVersionStatus.Ready, result.Version.Status);
        Assert.Equal(1, result.Version.Version);
        Assert.All(result.OnnxPaths, p => Assert.True(File.Exists(p), p));
        Assert.True(File.Exists(result.EmbeddingsPath));
        string pipelineFile = Path.Combine(result.VersionDirectory, PipelineRunner.PipelineFile);
        Assert.Equal(result.Version.ConfigHash, CascadeDistill.IO.FileDigest.Compute(pipelineFile).Sha256);
        Assert.Equal(PipelineConfigHash.Compute(pipeline), result.Version.ConfigHash);
        Assert.InRange(result.ParityMaxAbsDiff, 0, 1e-5);
        Assert.True(result.Accounting!.RowsRead == result.Accounting.RowsUsed + result.Accounting.RowsSkipped.Values.Sum());

        string ndcg = MetricNames.CandidateNdcg(10);
        string catalogue = MetricNames.CatalogueRecall(10, 100);
        Assert.True(result.Metrics["student." + ndcg] > result.Metrics["random." + ndcg] + 0.05, $"student NDCG {result.Metrics["student." + ndcg]} vs random {result.Metrics["random." + ndcg]}");
        Assert.True(result.Metrics["student." + catalogue] > result.Metrics["random." + catalogue], "student catalogue recall should beat random");
        Assert.Equal(1.0, result.Metrics["teacher." + ndcg], 6);

        foreach (RunStage stage in Enum.GetValues<RunStage>())
        {
            Assert.True(result.TimingsSeconds.ContainsKey(stage.ToString()), stage.ToString());
        }
    }

    [Fact]
    public async Task Run_SameInputsTwice_ReturnsExistingVersionAndPublishesNothingNew()
    {
        var observer = new TerminalRunObserver(TextWriter.Null, interactive: false);
        SimulateCommand.Execute(_work, s_tiny, observer, CancellationToken.None);
        PipelineDefinition pipeline = TinyPipeline();

        PipelineRunResult first = await RunCommand.ExecuteAsync(_work, pipeline, null, observer, CancellationToken.None);
        PipelineRunResult second = await RunCommand.ExecuteAsync(_work, pipeline, null, observer, CancellationToken.None);

        Assert.True(second.AlreadyDone);
        Assert.Equal(first.Version.Version, second.Version.Version);
        Assert.Equal(first.RunId, second.RunId);
        IReadOnlyList<ModelVersion> versions = await CliServices.Open(_work.FullName).Runner.Registry
            .ListVersionsAsync(pipeline.Publish.ModelName, includeNonReady: true, CancellationToken.None);
        Assert.Single(versions);
    }

    [Fact]
    public async Task Cli_UnknownPipeline_ExitsWithUsageErrorListingAvailable()
    {
        var error = new StringWriter();
        TextWriter original = Console.Error;
        Console.SetError(error);
        try
        {
            int code = await CliRoot.Create()
                .Parse(["run", "--pipeline", "no-such-pipeline", "--work-dir", _work.FullName, "--pipelines", RepositoryPipelines().FullName])
                .InvokeAsync();
            Assert.Equal(2, code);
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.Contains("recall-pointwise", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoLogs_FailsWithClearMessage()
    {
        var observer = new TerminalRunObserver(TextWriter.Null, interactive: false);
        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(
            () => RunCommand.ExecuteAsync(_work, TinyPipeline(), null, observer, CancellationToken.None));
        Assert.Contains("simulate", error.Message, StringComparison.Ordinal);
    }

    private static PipelineDefinition TinyPipeline()
    {
        PipelineDefinition shipped = RunCommand.LoadPipeline(RepositoryPipelines(), DemoCommand.DemoPipeline);
        return shipped with
        {
            Logs = shipped.Logs with { WindowDays = 4, HoldoutDays = 1 },
            Training = shipped.Training with { Epochs = 2, BatchSize = 256 },
            Evaluation = shipped.Evaluation with { MaxRequests = 200 },
        };
    }

    private static DirectoryInfo RepositoryPipelines() => RepositoryPaths.Pipelines();
}
