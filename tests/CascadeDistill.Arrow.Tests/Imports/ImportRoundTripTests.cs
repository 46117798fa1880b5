using CascadeDistill.Arrow.Logs;
using CascadeDistill.Imports;
using CascadeDistill.Logs;
using CascadeDistill.Simulation;
using CascadeDistill.Testing.Imports;

namespace CascadeDistill.Arrow.Tests.Imports;

/// <summary>Simulator logs written out as CSV / JSON Lines with rows shuffled across requests, imported back: the same partitions.</summary>
public sealed class ImportRoundTripTests : IDisposable
{
    private static readonly SimulationOptions s_tiny = new()
    {
        Days = 2, RequestsPerDay = 25, Users = 20, Items = 60, CandidatesPerRequest = 8, ListLength = 4, Seed = 17,
    };

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-import-");

    public void Dispose() => _work.Delete(recursive: true);

    [Theory]
    [InlineData(ImportFormat.Csv, 37)]
    [InlineData(ImportFormat.Csv, 7)]
    [InlineData(ImportFormat.Jsonl, 250_000)]
    public async Task Import_ShuffledSimulatorRows_GivesTheOriginalPartitions(ImportFormat format, int maxRowsInMemory)
    {
        var simulator = new LogSimulator(s_tiny);
        Dictionary<DateOnly, List<RequestBlock>> originals = simulator.Days.ToDictionary(d => d, d => simulator.SimulateDay(d).ToList());
        List<object?[]> rows = SimulatedLogExport.Rows(originals.Values.SelectMany(b => b), seed: 5);
        bool csv = format == ImportFormat.Csv;
        string[] inputs = [Path.Combine(_work.FullName, "a." + (csv ? "csv" : "jsonl")), Path.Combine(_work.FullName, "b." + (csv ? "csv" : "jsonl"))];
        int half = rows.Count / 2;
        Write(csv, inputs[0], rows.Take(half));
        Write(csv, inputs[1], rows.Skip(half));
        string mapping = Path.Combine(_work.FullName, "mapping.yaml");
        File.WriteAllText(mapping, SimulatedLogExport.Mapping(format));
        var store = new ArrowLogStore(Path.Combine(_work.FullName, "logs"));

        ImportLogsResult result = await new LogImporter(store, TimeProvider.System)
            .ImportAsync(new ImportLogsRequest(format, inputs, mapping, _work.FullName) { MaxRowsInMemory = maxRowsInMemory }, CancellationToken.None);

        ImportTotals totals = result.Manifest.Totals;
        Assert.True(totals.Balanced);
        Assert.Equal(rows.Count, totals.RowsRead);
        Assert.Equal(rows.Count, totals.RowsAccepted);
        Assert.Empty(totals.RowsQuarantined);
        Assert.Equal(s_tiny.Days * s_tiny.RequestsPerDay, totals.RequestsAccepted);
        Assert.Equal(csv, result.Manifest.SpillRuns > 1);
        Assert.Equal(result.Manifest.SpillRuns > result.Manifest.MergeFanIn, result.Manifest.IntermediateMerges > 0);
        Assert.True(File.Exists(result.ManifestPath));
        Assert.False(Directory.Exists(Path.Combine(_work.FullName, LogImporter.TemporaryFolder, "import-" + result.Manifest.ImportId)));
        Assert.Equal(originals.Keys.Order(), store.ListDays());
        var read = new LogReadRequest(SimulatedLogExport.Objectives, SimulatedFeatures.All, ReadLabels: true);
        foreach ((DateOnly day, List<RequestBlock> expected) in originals)
        {
            Dictionary<string, RequestBlock> imported = store.ListFiles(day)
                .SelectMany(f => store.ReadRequests(f, read, CancellationToken.None))
                .ToDictionary(b => b.RequestId);
            Assert.Empty(ImportedLogComparison.Differences(expected, imported));
        }
    }

    private static void Write(bool csv, string path, IEnumerable<object?[]> rows)
    {
        if (csv)
        {
            SimulatedLogExport.WriteCsv(path, rows);
        }
        else
        {
            SimulatedLogExport.WriteJsonl(path, rows);
        }
    }
}
