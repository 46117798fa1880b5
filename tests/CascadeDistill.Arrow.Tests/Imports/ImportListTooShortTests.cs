using System.Text.Json;
using CascadeDistill.Arrow.Logs;
using CascadeDistill.Imports;
using CascadeDistill.Simulation;
using CascadeDistill.Testing.Imports;

namespace CascadeDistill.Arrow.Tests.Imports;

/// <summary>The mapping's <c>min_candidates</c>: shorter requests are quarantined whole with <c>list_too_short</c>, and the accounting balances.</summary>
public sealed class ImportListTooShortTests : IDisposable
{
    private static readonly SimulationOptions s_tiny = new()
    {
        Days = 1, RequestsPerDay = 12, Users = 20, Items = 60, CandidatesPerRequest = 8, ListLength = 4, Seed = 3,
    };

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-import-short-");

    public void Dispose() => _work.Delete(recursive: true);

    [Theory]
    [InlineData(ImportFormat.Csv)]
    [InlineData(ImportFormat.Jsonl)]
    public async Task Import_RequestsBelowMinCandidates_AreQuarantinedWithListTooShort(ImportFormat format)
    {
        var simulator = new LogSimulator(s_tiny);
        List<object?[]> all = SimulatedLogExport.Rows(simulator.SimulateDay(s_tiny.StartDay), seed: 4);
        (List<object?[]> rows, int shortRows) = ShortenedLists.Shorten(all, requests: 3);
        string input = Path.Combine(_work.FullName, "in." + format.ToString().ToLowerInvariant());
        if (format == ImportFormat.Csv)
        {
            SimulatedLogExport.WriteCsv(input, rows);
        }
        else
        {
            SimulatedLogExport.WriteJsonl(input, rows);
        }
        string mapping = Path.Combine(_work.FullName, "mapping.yaml");
        File.WriteAllText(mapping, SimulatedLogExport.Mapping(format) + $"min_candidates: {s_tiny.CandidatesPerRequest}\n");

        ImportLogsResult result = await new LogImporter(new ArrowLogStore(Path.Combine(_work.FullName, "logs")), TimeProvider.System)
            .ImportAsync(new ImportLogsRequest(format, [input], mapping, _work.FullName), CancellationToken.None);

        ImportTotals totals = result.Manifest.Totals;
        Assert.True(totals.Balanced);
        Assert.Equal(rows.Count, totals.RowsRead);
        Assert.Equal(rows.Count - shortRows, totals.RowsAccepted);
        Assert.Equal(new Dictionary<string, long> { [ImportReasonCodes.ListTooShort] = shortRows }, totals.RowsQuarantined);
        Assert.Equal(new Dictionary<string, long> { [ImportReasonCodes.ListTooShort] = 3 }, totals.RequestsQuarantined);
        Assert.Equal(s_tiny.RequestsPerDay - 3, totals.RequestsAccepted);
        string[] quarantine = File.ReadAllLines(result.Manifest.QuarantineFile!);
        Assert.Equal(shortRows, quarantine.Length);
        foreach (string line in quarantine)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(ImportReasonCodes.ListTooShort, json.RootElement.GetProperty("reason").GetString());
            Assert.Equal(input, json.RootElement.GetProperty("file").GetString());
        }
    }

    [Fact]
    public async Task Import_DefaultMinCandidates_AcceptsTheShortenedRequests()
    {
        var simulator = new LogSimulator(s_tiny);
        (List<object?[]> rows, _) = ShortenedLists.Shorten(SimulatedLogExport.Rows(simulator.SimulateDay(s_tiny.StartDay), seed: 4), requests: 3);
        string input = Path.Combine(_work.FullName, "in.csv");
        SimulatedLogExport.WriteCsv(input, rows);
        string mapping = Path.Combine(_work.FullName, "mapping.yaml");
        File.WriteAllText(mapping, SimulatedLogExport.Mapping(ImportFormat.Csv));

        ImportLogsResult result = await new LogImporter(new ArrowLogStore(Path.Combine(_work.FullName, "logs")), TimeProvider.System)
            .ImportAsync(new ImportLogsRequest(ImportFormat.Csv, [input], mapping, _work.FullName), CancellationToken.None);

        Assert.Equal(rows.Count, result.Manifest.Totals.RowsAccepted);
        Assert.Equal(s_tiny.RequestsPerDay, result.Manifest.Totals.RequestsAccepted);
    }
}
