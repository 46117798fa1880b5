using System.Data.Common;
using CascadeDistill.Arrow.Logs;
using CascadeDistill.Imports;
using CascadeDistill.Logs;
using CascadeDistill.Simulation;
using CascadeDistill.Sql.Imports;
using CascadeDistill.Testing.Imports;
using Microsoft.Data.Sqlite;

namespace CascadeDistill.Sql.Tests.Imports;

/// <summary>The SQL import's code path (ADO.NET, DbDataReader) on SQLite: simulator rows in a table, imported back by a query.</summary>
public sealed class SqlImportTests : IDisposable
{
    private static readonly SimulationOptions s_tiny = new()
    {
        Days = 2, RequestsPerDay = 20, Users = 20, Items = 60, CandidatesPerRequest = 6, ListLength = 3, Seed = 23,
    };

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-sql-");
    private readonly string _connection;

    public SqlImportTests()
    {
        _connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_work.FullName, "source.db"), Pooling = false }.ToString();
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Import_QueryOverShuffledRows_GivesTheOriginalPartitions()
    {
        var simulator = new LogSimulator(s_tiny);
        Dictionary<DateOnly, List<RequestBlock>> originals = simulator.Days.ToDictionary(d => d, d => simulator.SimulateDay(d).ToList());
        List<object?[]> rows = SimulatedLogExport.Rows(originals.Values.SelectMany(b => b), seed: 9);
        CreateTable(rows);
        var store = new ArrowLogStore(Path.Combine(_work.FullName, "logs"));

        ImportLogsResult result = await Import(store, "SELECT * FROM logs ORDER BY rowid", maxRowsInMemory: 50);

        ImportTotals totals = result.Manifest.Totals;
        Assert.True(totals.Balanced);
        Assert.Equal(rows.Count, totals.RowsRead);
        Assert.Equal(rows.Count, totals.RowsAccepted);
        Assert.Equal(s_tiny.Days * s_tiny.RequestsPerDay, totals.RequestsAccepted);
        Assert.StartsWith("sql(", Assert.Single(result.Manifest.Inputs).Path, StringComparison.Ordinal);
        var read = new LogReadRequest(SimulatedLogExport.Objectives, SimulatedFeatures.All, ReadLabels: true);
        foreach ((DateOnly day, List<RequestBlock> expected) in originals)
        {
            Dictionary<string, RequestBlock> imported = store.ListFiles(day)
                .SelectMany(f => store.ReadRequests(f, read, CancellationToken.None))
                .ToDictionary(b => b.RequestId);
            Assert.Empty(ImportedLogComparison.Differences(expected, imported));
        }

        ImportLogsResult again = await Import(store, "SELECT * FROM logs ORDER BY rowid", maxRowsInMemory: 50);
        Assert.Equal(ImportInputStatus.DuplicateSkipped, Assert.Single(again.Manifest.Inputs).Status);
        Assert.Equal(0, again.Manifest.Totals.RowsRead);
    }

    [Fact]
    public async Task Import_FailingQuery_IsRefusedWithQueryFailed()
    {
        CreateTable([]);

        ImportLogsResult result = await Import(new ArrowLogStore(Path.Combine(_work.FullName, "logs")), "SELECT * FROM no_such_table", 100);

        ImportInputRecord input = Assert.Single(result.Manifest.Inputs);
        Assert.Equal(ImportInputStatus.FileQuarantined, input.Status);
        Assert.Equal(ImportReasonCodes.QueryFailed, input.Reason);
        Assert.Contains("no_such_table", input.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_QueryWithoutAMappedColumn_IsRefusedWithMissingColumn()
    {
        CreateTable([]);

        ImportLogsResult result = await Import(new ArrowLogStore(Path.Combine(_work.FullName, "logs")), "SELECT req, ts FROM logs", 100);

        ImportInputRecord input = Assert.Single(result.Manifest.Inputs);
        Assert.Equal(ImportReasonCodes.MissingColumn, input.Reason);
        Assert.Contains("'uid'", input.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RequestsBelowMinCandidates_AreQuarantinedWithListTooShort()
    {
        var simulator = new LogSimulator(s_tiny);
        (List<object?[]> rows, int shortRows) = ShortenedLists.Shorten(SimulatedLogExport.Rows(simulator.SimulateDay(s_tiny.StartDay), seed: 6), requests: 2);
        CreateTable(rows);

        ImportLogsResult result = await Import(
            new ArrowLogStore(Path.Combine(_work.FullName, "logs")), "SELECT * FROM logs ORDER BY rowid", 40, minCandidates: s_tiny.CandidatesPerRequest);

        ImportTotals totals = result.Manifest.Totals;
        Assert.True(totals.Balanced);
        Assert.Equal(rows.Count, totals.RowsRead);
        Assert.Equal(rows.Count - shortRows, totals.RowsAccepted);
        Assert.Equal(new Dictionary<string, long> { [ImportReasonCodes.ListTooShort] = shortRows }, totals.RowsQuarantined);
        Assert.Equal(new Dictionary<string, long> { [ImportReasonCodes.ListTooShort] = 2 }, totals.RequestsQuarantined);
        Assert.Equal(s_tiny.RequestsPerDay - 2, totals.RequestsAccepted);
    }

    private void CreateTable(List<object?[]> rows)
    {
        string[] header = SimulatedLogExport.Header();
        using var connection = new SqliteConnection(_connection);
        connection.Open();
        using DbTransaction transaction = connection.BeginTransaction();
        using (DbCommand create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE logs ({string.Join(", ", header)})";
            create.ExecuteNonQuery();
        }
        using DbCommand insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO logs VALUES ({string.Join(", ", header.Select((_, i) => "$p" + i))})";
        DbParameter[] parameters = [.. header.Select((_, i) => new SqliteParameter("$p" + i, null))];
        insert.Parameters.AddRange(parameters);
        foreach (object?[] row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    DateTimeOffset t => t.ToUnixTimeMilliseconds(),
                    float f when float.IsNaN(f) => DBNull.Value,
                    long[] ids => SimulatedLogExport.Delimited(ids),
                    var v => v,
                };
            }
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private async Task<ImportLogsResult> Import(ILogStore store, string query, int maxRowsInMemory, int? minCandidates = null)
    {
        string mapping = Path.Combine(_work.FullName, "mapping.yaml");
        File.WriteAllText(mapping, SimulatedLogExport.Mapping(ImportFormat.Sql) + (minCandidates is int min ? $"min_candidates: {min}\n" : ""));
        var importer = new LogImporter(store, TimeProvider.System, [new SqlImportSource(() => new SqliteConnection(_connection), "sqlite:source.db")]);
        return await importer.ImportAsync(new ImportLogsRequest(ImportFormat.Sql, [query], mapping, _work.FullName) { MaxRowsInMemory = maxRowsInMemory }, CancellationToken.None);
    }
}
