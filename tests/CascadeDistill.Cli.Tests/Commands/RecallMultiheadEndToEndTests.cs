using System.Text.Json;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Evaluation;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary>
/// The shipped recall-multihead pipeline on tiny simulated logs: per-objective heads trained, evaluated
/// per head, exported with one output per head and parity on every output, published Ready.
/// </summary>
public sealed class RecallMultiheadEndToEndTests : IDisposable
{
    public const string Pipeline = "recall-multihead";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-multihead-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Run_TinySimulatedLogs_HeadsEvaluatedAndExportedWithParityOnEveryOutput()
    {
        var observer = new TerminalRunObserver(TextWriter.Null, interactive: false);
        SimulateCommand.Execute(_work, TinyPipelineFolder.Simulation, observer, CancellationToken.None);
        PipelineDefinition shipped = RunCommand.LoadPipeline(RepositoryPaths.Pipelines(), Pipeline);
        Assert.Equal(StudentHeads.PerObjective, shipped.Student.Heads);
        PipelineDefinition pipeline = shipped with
        {
            Logs = shipped.Logs with { WindowDays = 4, HoldoutDays = 1 },
            Training = shipped.Training with { Epochs = 1, BatchSize = 512 },
            Evaluation = shipped.Evaluation with { MaxRequests = 200 },
        };

        PipelineRunResult result = await RunCommand.ExecuteAsync(_work, pipeline, partition: null, observer, CancellationToken.None);

        Assert.Equal(ModelVersionStatus.Ready, result.Version.Status);
        Assert.InRange(result.ParityMaxAbsDiff, 0, 1e-5);
        foreach (string objective in new[] { "click", "finish" })
        {
            Assert.InRange(result.Metrics["student." + HeadAgreement.HeadNdcg(objective, 10)], 0.0, 1.0);
        }
        string ndcg = MetricNames.CandidateNdcg(10);
        Assert.True(result.Metrics["student." + ndcg] > result.Metrics["random." + ndcg] + 0.1,
            $"student {result.Metrics["student." + ndcg]} vs random {result.Metrics["random." + ndcg]}");

        using JsonDocument parity = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(result.VersionDirectory, PipelineRunner.ParityFile)));
        JsonElement heads = parity.RootElement.GetProperty("heads");
        foreach (string objective in new[] { "click", "finish" })
        {
            JsonElement head = heads.GetProperty(objective);
            Assert.Equal($"user_embedding.{objective}", head.GetProperty("user_output").GetString());
            foreach (string tower in new[] { "user_tower", "item_tower" })
            {
                Assert.All(head.GetProperty(tower).GetProperty("checks").EnumerateObject(), c => Assert.InRange(c.Value.GetDouble(), 0, 1e-5));
            }
        }
    }
}
