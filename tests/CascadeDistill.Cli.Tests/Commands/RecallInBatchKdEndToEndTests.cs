using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Datasets;
using CascadeDistill.Evaluation;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary>The shipped recall-inbatch-kd pipeline on tiny simulated logs: in-batch student, Ready version, ONNX parity.</summary>
public sealed class RecallInBatchKdEndToEndTests : IDisposable
{
    public const string Pipeline = "recall-inbatch-kd";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-inbatch-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Run_TinySimulatedLogs_InBatchStudentBeatsRandomOverTheCatalogueWithParity()
    {
        var observer = new TerminalRunObserver(TextWriter.Null, interactive: false);
        SimulateCommand.Execute(_work, TinyPipelineFolder.Simulation, observer, CancellationToken.None);
        PipelineDefinition shipped = RunCommand.LoadPipeline(RepositoryPaths.Pipelines(), Pipeline);
        Assert.Equal(InBatchRecipe.Name, shipped.Dataset.Recipe);
        Assert.NotNull(shipped.Dataset.InBatch);
        PipelineDefinition pipeline = shipped with
        {
            Logs = shipped.Logs with { WindowDays = 4, HoldoutDays = 1 },
            Training = shipped.Training with { BatchSize = 512 },
            Evaluation = shipped.Evaluation with { MaxRequests = 200 },
        };

        PipelineRunResult result = await RunCommand.ExecuteAsync(_work, pipeline, partition: null, observer, CancellationToken.None);

        Assert.Equal(ModelVersionStatus.Ready, result.Version.Status);
        Assert.InRange(result.ParityMaxAbsDiff, 0, 1e-5);
        Assert.Equal(result.Accounting!.RowsRead, result.Accounting.RowsUsed + result.Accounting.RowsSkipped.Values.Sum());
        string recall = MetricNames.CatalogueRecall(10, shipped.Evaluation.CatalogueTopN);
        double student = result.Metrics["student." + recall];
        double random = result.Metrics["random." + recall];
        Assert.True(student > random + 0.1, $"student {recall} {student} vs random {random}");
    }
}
