using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Datasets;
using CascadeDistill.Evaluation;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary>The shipped prerank-listwise pipeline on tiny simulated logs: ListNet student, Ready version, ONNX parity.</summary>
public sealed class PrerankListwiseEndToEndTests : IDisposable
{
    public const string Pipeline = "prerank-listwise";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-listwise-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Run_TinySimulatedLogs_ListNetStudentBeatsRandomWithParity()
    {
        var observer = new TerminalRunObserver(TextWriter.Null, interactive: false);
        SimulateCommand.Execute(_work, TinyPipelineFolder.Simulation, observer, CancellationToken.None);
        PipelineDefinition shipped = RunCommand.LoadPipeline(RepositoryPaths.Pipelines(), Pipeline);
        Assert.Equal(ListwiseRecipe.Name, shipped.Dataset.Recipe);
        PipelineDefinition pipeline = shipped with
        {
            Logs = shipped.Logs with { WindowDays = 4, HoldoutDays = 1 },
            Training = shipped.Training with { BatchSize = 256 },
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
        Assert.Equal(1.0, result.Metrics["teacher." + ndcg], 6);
    }
}
