using CascadeDistill.Arrow.Logs;
using CascadeDistill.Imports;
using CascadeDistill.Logs;
using CascadeDistill.Parquet.Imports;
using CascadeDistill.Parquet.Simulation;
using CascadeDistill.Simulation;
using CascadeDistill.Testing.Imports;

namespace CascadeDistill.Parquet.Tests.Imports;

/// <summary>Simulator logs written as Parquet (rows shuffled across requests, several row groups), imported back.</summary>
public sealed class ParquetImportTests : IDisposable
{
    private static readonly SimulationOptions s_tiny = new()
    {
        Days = 2, RequestsPerDay = 25, Users = 20, Items = 60, CandidatesPerRequest = 8, ListLength = 4, Seed = 17,
    };

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-parquet-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Import_ShuffledSimulatorRows_GivesTheOriginalPartitionsAndTheCsvAccounting()
    {
        var simulator = new LogSimulator(s_tiny);
        Dictionary<DateOnly, List<RequestBlock>> originals = simulator.Days.ToDictionary(d => d, d => simulator.SimulateDay(d).ToList());
        List<object?[]> rows = SimulatedLogExport.Rows(originals.Values.SelectMany(b => b), seed: 5);
        string[] inputs = [Path.Combine(_work.FullName, "a.parquet"), Path.Combine(_work.FullName, "b.parquet")];
        int half = rows.Count / 2;
        SimulatedParquetExport.Write(inputs[0], rows.Take(half), rowGroupRows: 64);
        SimulatedParquetExport.Write(inputs[1], rows.Skip(half), rowGroupRows: 1000);
        var store = new ArrowLogStore(Path.Combine(_work.FullName, "parquet", "logs"));

        ImportLogsResult result = await Import(store, ImportFormat.Parquet, inputs, Path.Combine(_work.FullName, "parquet"), maxRowsInMemory: 150);

        ImportTotals totals = result.Manifest.Totals;
        Assert.True(totals.Balanced);
        Assert.Equal(rows.Count, totals.RowsRead);
        Assert.Equal(rows.Count, totals.RowsAccepted);
        Assert.Empty(totals.RowsQuarantined);
        Assert.Equal(s_tiny.Days * s_tiny.RequestsPerDay, totals.RequestsAccepted);
        Assert.True(result.Manifest.SpillRuns > 1);
        Assert.Equal(originals.Keys.Order(), store.ListDays());
        var read = new LogReadRequest(SimulatedLogExport.Objectives, SimulatedFeatures.All, ReadLabels: true);
        foreach ((DateOnly day, List<RequestBlock> expected) in originals)
        {
            Dictionary<string, RequestBlock> imported = store.ListFiles(day)
                .SelectMany(f => store.ReadRequests(f, read, CancellationToken.None))
                .ToDictionary(b => b.RequestId);
            Assert.Empty(ImportedLogComparison.Differences(expected, imported));
        }

        // The same rows through CSV: the same accounting.
        string csv = Path.Combine(_work.FullName, "all.csv");
        SimulatedLogExport.WriteCsv(csv, rows);
        ImportLogsResult viaCsv = await Import(new ArrowLogStore(Path.Combine(_work.FullName, "csv", "logs")), ImportFormat.Csv, [csv], Path.Combine(_work.FullName, "csv"), 250_000);
        ImportTotals csvTotals = viaCsv.Manifest.Totals;
        Assert.Equal((csvTotals.RowsRead, csvTotals.RowsAccepted, csvTotals.RequestsAccepted, csvTotals.Balanced), (totals.RowsRead, totals.RowsAccepted, totals.RequestsAccepted, totals.Balanced));
        Assert.Equal(csvTotals.RowsQuarantined, totals.RowsQuarantined);
        Assert.Equal(csvTotals.RequestsQuarantined, totals.RequestsQuarantined);
        Assert.Equal(viaCsv.Manifest.Partitions.Select(p => (p.Day, p.Requests, p.Rows)), result.Manifest.Partitions.Select(p => (p.Day, p.Requests, p.Rows)));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.98)]
    public async Task Import_TruncatedParquet_IsQuarantinedWholeWithCorruptFile(double keep)
    {
        var simulator = new LogSimulator(s_tiny);
        List<object?[]> rows = SimulatedLogExport.Rows(simulator.SimulateDay(s_tiny.StartDay), seed: 1);
        string good = Path.Combine(_work.FullName, "good.parquet");
        string truncated = Path.Combine(_work.FullName, "truncated.parquet");
        SimulatedParquetExport.Write(good, rows, rowGroupRows: 50);
        byte[] bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(truncated, bytes[..(int)(bytes.Length * keep)]);
        var store = new ArrowLogStore(Path.Combine(_work.FullName, "logs"));

        ImportLogsResult result = await Import(store, ImportFormat.Parquet, [truncated, good], _work.FullName, 250_000);

        ImportInputRecord bad = result.Manifest.Inputs[0];
        Assert.Equal(ImportInputStatus.FileQuarantined, bad.Status);
        Assert.Equal(ImportReasonCodes.CorruptFile, bad.Reason);
        Assert.Equal(0, bad.RowsRead);
        ImportInputRecord ok = result.Manifest.Inputs[1];
        Assert.Equal(ImportInputStatus.Imported, ok.Status);
        Assert.Equal(rows.Count, ok.RowsAccepted);
        Assert.True(result.Manifest.Totals.Balanced);
    }

    [Fact]
    public async Task Import_ParquetWithoutAMappedColumn_IsRefusedWithMissingColumn()
    {
        string path = Path.Combine(_work.FullName, "other.parquet");
        using (var writer = new ParquetSharp.ParquetFileWriter(path, [new ParquetSharp.Column<string>("req")]))
        {
            using ParquetSharp.RowGroupWriter group = writer.AppendRowGroup();
            using (ParquetSharp.LogicalColumnWriter<string> column = group.NextColumn().LogicalWriter<string>())
            {
                column.WriteBatch(["r1"]);
            }
            writer.Close();
        }

        ImportLogsResult result = await Import(new ArrowLogStore(Path.Combine(_work.FullName, "logs")), ImportFormat.Parquet, [path], _work.FullName, 250_000);

        ImportInputRecord input = Assert.Single(result.Manifest.Inputs);
        Assert.Equal(ImportInputStatus.FileQuarantined, input.Status);
        Assert.Equal(ImportReasonCodes.MissingColumn, input.Reason);
        Assert.Contains("'ts'", input.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RequestsBelowMinCandidates_AreQuarantinedWithListTooShort()
    {
        var simulator = new LogSimulator(s_tiny);
        (List<object?[]> rows, int shortRows) = ShortenedLists.Shorten(SimulatedLogExport.Rows(simulator.SimulateDay(s_tiny.StartDay), seed: 2), requests: 4);
        string input = Path.Combine(_work.FullName, "short.parquet");
        SimulatedParquetExport.Write(input, rows, rowGroupRows: 30);

        ImportLogsResult result = await Import(
            new ArrowLogStore(Path.Combine(_work.FullName, "logs")), ImportFormat.Parquet, [input], _work.FullName, 250_000,
            minCandidates: s_tiny.CandidatesPerRequest);

        ImportTotals totals = result.Manifest.Totals;
        Assert.True(totals.Balanced);
        Assert.Equal(rows.Count, totals.RowsRead);
        Assert.Equal(rows.Count - shortRows, totals.RowsAccepted);
        Assert.Equal(new Dictionary<string, long> { [ImportReasonCodes.ListTooShort] = shortRows }, totals.RowsQuarantined);
        Assert.Equal(new Dictionary<string, long> { [ImportReasonCodes.ListTooShort] = 4 }, totals.RequestsQuarantined);
        Assert.Equal(shortRows, File.ReadAllLines(result.Manifest.QuarantineFile!).Length);
    }

    private async Task<ImportLogsResult> Import(ILogStore store, ImportFormat format, string[] inputs, string workDir, int maxRowsInMemory, int? minCandidates = null)
    {
        Directory.CreateDirectory(workDir);
        string mapping = Path.Combine(workDir, "mapping-" + format + ".yaml");
        File.WriteAllText(mapping, SimulatedLogExport.Mapping(format) + (minCandidates is int min ? $"min_candidates: {min}\n" : ""));
        var importer = new LogImporter(store, TimeProvider.System, [new CsvImportSource(), new ParquetImportSource(chunkRows: 7)]);
        return await importer.ImportAsync(new ImportLogsRequest(format, inputs, mapping, workDir) { MaxRowsInMemory = maxRowsInMemory }, CancellationToken.None);
    }
}
