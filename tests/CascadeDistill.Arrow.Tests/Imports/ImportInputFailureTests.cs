using CascadeDistill.Arrow.Logs;
using CascadeDistill.Imports;
using CascadeDistill.Simulation;

namespace CascadeDistill.Arrow.Tests.Imports;

/// <summary>An input that fails after some of its rows were read (a corrupt Parquet page, a dropped SQL connection): its requests are quarantined whole and the accounting balances.</summary>
public sealed class ImportInputFailureTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-failure-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Import_InputFailingMidway_QuarantinesEveryRequestWithARowOfIt()
    {
        var simulator = new LogSimulator(new SimulationOptions { Days = 1, RequestsPerDay = 20, Users = 10, Items = 40, CandidatesPerRequest = 5, ListLength = 3, Seed = 4 });
        List<object?[]> rows = SimulatedLogExport.Rows(simulator.SimulateDay(simulator.Days.First()), seed: 2);
        string[] inputs = [Path.Combine(_work.FullName, "a.csv"), Path.Combine(_work.FullName, "b.csv")];
        SimulatedLogExport.WriteCsv(inputs[0], rows.Take(50));
        SimulatedLogExport.WriteCsv(inputs[1], rows.Skip(50));
        string mapping = Path.Combine(_work.FullName, "mapping.yaml");
        File.WriteAllText(mapping, SimulatedLogExport.Mapping(ImportFormat.Csv));
        var importer = new LogImporter(new ArrowLogStore(Path.Combine(_work.FullName, "logs")), TimeProvider.System, [new FailingAfter(inputs[1], 20)]);

        ImportLogsResult result = await importer.ImportAsync(new ImportLogsRequest(ImportFormat.Csv, inputs, mapping, _work.FullName), CancellationToken.None);

        ImportInputRecord failed = result.Manifest.Inputs[1];
        Assert.Equal(ImportInputStatus.FileQuarantined, failed.Status);
        Assert.Equal(ImportReasonCodes.CorruptFile, failed.Reason);
        Assert.Equal(20, failed.RowsRead);
        Assert.Equal(20, failed.RowsQuarantined[ImportReasonCodes.CorruptFile]);
        HashSet<string> failedRequests = [.. rows.Skip(50).Take(20).Select(r => (string)r[0]!)];
        int expectedQuarantined = rows.Take(50).Concat(rows.Skip(50).Take(20)).Count(r => failedRequests.Contains((string)r[0]!));
        ImportTotals totals = result.Manifest.Totals;
        Assert.True(totals.Balanced);
        Assert.Equal(70, totals.RowsRead);
        Assert.Equal(expectedQuarantined, totals.RowsQuarantined[ImportReasonCodes.CorruptFile]);
        // Requests whose other rows were in the unread part of b.csv are incomplete: bad_positions, not accepted.
        Assert.Equal(70 - expectedQuarantined, totals.RowsAccepted + totals.RowsQuarantined.GetValueOrDefault(ImportReasonCodes.BadPositions));
        Assert.Equal(failedRequests.Count, totals.RequestsQuarantined[ImportReasonCodes.CorruptFile]);
    }

    /// <summary>CSV, but the input <c>failing</c> breaks off after <c>rows</c> rows.</summary>
    private sealed class FailingAfter(string failing, int rows) : IImportSource
    {
        private readonly CsvImportSource _csv = new();

        public ImportFormat Format => ImportFormat.Csv;

        public bool HasListValues => false;

        public ImportInputIdentity Identify(string input) => _csv.Identify(input);

        public IEnumerable<SourceRow> Read(string input, IReadOnlyList<string> columns, CancellationToken cancellationToken)
        {
            int read = 0;
            foreach (SourceRow row in _csv.Read(input, columns, cancellationToken))
            {
                if (input == failing && read == rows)
                {
                    throw new ImportFileException(input, ImportReasonCodes.CorruptFile, "page 3 is corrupt");
                }
                read++;
                yield return row;
            }
        }
    }
}
