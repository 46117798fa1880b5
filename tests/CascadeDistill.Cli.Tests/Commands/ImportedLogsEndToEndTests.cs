using System.Text.Json;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Imports;
using CascadeDistill.Logs;
using CascadeDistill.Parquet.Simulation;
using CascadeDistill.Pipelines;
using CascadeDistill.Quality;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Simulation;
using CascadeDistill.Testing.Imports;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary>As a new user would: logs exported from another system as Parquet (rows shuffled across requests), imported, and a pipeline trained on them.</summary>
public sealed class ImportedLogsEndToEndTests : IDisposable
{
    private static readonly SimulationOptions s_tiny = TinyPipelineFolder.Simulation with { Days = 3, RequestsPerDay = 100, CandidatesPerRequest = 20, ListLength = 10 };

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-imported-");
    private readonly TerminalRunObserver _observer = new(TextWriter.Null, interactive: false);

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Run_OnPartitionsImportedFromParquet_PublishesAReadyVersion()
    {
        var simulator = new LogSimulator(s_tiny);
        string export = Path.Combine(_work.FullName, "export.parquet");
        long rows = SimulatedParquetExport.Write(export, SimulatedLogExport.ShuffledRows(simulator.Days.SelectMany(simulator.SimulateDay), windowRows: 5_000, seed: 3), rowGroupRows: 4_096);
        string mapping = Path.Combine(_work.FullName, "mapping.yaml");
        File.WriteAllText(mapping, SimulatedLogExport.Mapping(ImportFormat.Parquet));
        string workDir = Path.Combine(_work.FullName, "work");

        ImportLogsResult import = await ImportCommand.ExecuteAsync(new ImportLogsRequest(ImportFormat.Parquet, [export], mapping, workDir), CancellationToken.None);
        CliServices services = CliServices.Open(workDir);
        PipelineRunResult result = await new PipelineRunner(services.Runner, _observer).RunAsync(Pipeline(), null, CancellationToken.None);

        Assert.Equal(rows, import.Manifest.Totals.RowsAccepted);
        Assert.NotNull(import.Manifest.Catalogue);
        Assert.True(services.Runner.Catalogue.Exists);
        Catalogue catalogue = services.Runner.Catalogue.Read(SimulatedFeatures.Item.Where(f => f.Column != LogContract.ItemId).ToArray(), CancellationToken.None);
        Assert.Equal(import.Manifest.Catalogue!.ItemsTotal, catalogue.Count);
        Assert.Equal(simulator.Days.Last(), result.Partition);
        Assert.Equal(ModelVersionStatus.Ready, result.Version.Status);
        Assert.True(result.Accounting!.RowsUsed > 0);
        Assert.All(result.OnnxPaths, f => Assert.True(File.Exists(f)));

        // The run record keeps the import's row accounting beside the run-time checks (ReadLogs output).
        RunRecord run = (await services.Runner.Runs.GetRunAsync(result.RunId, CancellationToken.None))!;
        using var readLogs = JsonDocument.Parse(run.FindStage(RunStage.ReadLogs)!.OutputJson!);
        JsonElement recorded = Assert.Single(readLogs.RootElement.GetProperty("imports").EnumerateArray());
        Assert.Equal(import.Manifest.ImportId, recorded.GetProperty("importId").GetString());
        Assert.Equal(rows, recorded.GetProperty("totals").GetProperty("rowsRead").GetInt64());
        Assert.Equal(rows, recorded.GetProperty("totals").GetProperty("rowsAccepted").GetInt64());
        Assert.True(recorded.GetProperty("totals").GetProperty("balanced").GetBoolean());
        Assert.Equal(s_tiny.Days, recorded.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task Run_OnImportsThatQuarantinedTooManyRows_FailsBeforeTrainingWithTheImportedRowRate()
    {
        var simulator = new LogSimulator(s_tiny);
        (List<object?[]> rows, int shortRows) = ShortenedLists.Shorten(SimulatedLogExport.Rows(simulator.Days.SelectMany(simulator.SimulateDay), seed: 8), requests: 60);
        string export = Path.Combine(_work.FullName, "export.csv");
        SimulatedLogExport.WriteCsv(export, rows);
        string mapping = Path.Combine(_work.FullName, "mapping.yaml");
        File.WriteAllText(mapping, SimulatedLogExport.Mapping(ImportFormat.Csv) + $"min_candidates: {s_tiny.CandidatesPerRequest}\n");
        string workDir = Path.Combine(_work.FullName, "work");
        ImportLogsResult import = await ImportCommand.ExecuteAsync(new ImportLogsRequest(ImportFormat.Csv, [export], mapping, workDir), CancellationToken.None);
        CliServices services = CliServices.Open(workDir);

        DataQualityException error = await Assert.ThrowsAsync<DataQualityException>(
            () => new PipelineRunner(services.Runner, _observer).RunAsync(Pipeline(), null, CancellationToken.None));

        Assert.Equal(shortRows, import.Manifest.Totals.RowsQuarantined[ImportReasonCodes.ListTooShort]);
        Assert.True((double)shortRows / rows.Count > QualityDefinition.Default.MaxQuarantineRate);
        Assert.Equal(DataQualityException.QuarantineRateExceeded, error.ReasonCode);
        Assert.Contains("of the imported rows are quarantined", error.Message, StringComparison.Ordinal);
        Assert.Contains(ImportReasonCodes.ListTooShort, error.Message, StringComparison.Ordinal);
        RunRecord run = Assert.Single(await services.Runner.Runs.ListRunsAsync(new RunQuery(null, null, 10), CancellationToken.None));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Null(run.FindStage(RunStage.TrainStudent));
    }

    private static PipelineDefinition Pipeline()
    {
        PipelineDefinition shipped = RunCommand.LoadPipeline(RepositoryPaths.Pipelines(), DemoCommand.DemoPipeline);
        return shipped with
        {
            Logs = shipped.Logs with { WindowDays = 3, HoldoutDays = 1 },
            Training = shipped.Training with { Epochs = 1, BatchSize = 256 },
            Evaluation = shipped.Evaluation with { MaxRequests = 50 },
        };
    }
}
