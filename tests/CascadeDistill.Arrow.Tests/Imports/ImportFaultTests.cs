using System.Text.Json;
using CascadeDistill.Arrow.Logs;
using CascadeDistill.Imports;

namespace CascadeDistill.Arrow.Tests.Imports;

/// <summary>Each fault, injected into a tiny CSV, yields its reason code; read = accepted + quarantined, per file and in total.</summary>
public sealed class ImportFaultTests : IDisposable
{
    private const string Header = "req,ts,uid,iid,pos,rpos,t_click,label,seg,tags,price";

    private const string Mapping = """
        request_id: req
        event_time: { column: ts, format: iso8601 }
        user_id: uid
        item_id: iid
        position: { column: pos, cut: cut }
        rerank_position: { column: rpos, cut: "0" }
        teacher: { click: t_click }
        labels: { click: label }
        features:
          - { name: user.segment, column: seg, kind: categorical }
          - { name: item.tags, column: tags, kind: multi_categorical, delimiter: "|" }
          - { name: item.price, column: price, kind: numeric }
        """;

    // A good request of three rows (one cut), interleaved with the fault rows below.
    private static readonly string[] s_good =
    [
        "g1,2025-03-14T09:30:12.345Z,42,1001,2,1,0.5,1,3,\"7|8\",9.5",
        "g1,2025-03-14T09:30:12.345Z,42,1002,cut,0,-1.25,,3,,1",
        "g1,2025-03-14T09:30:12.345Z,42,1003,1,2,2,0,3,9,2.5",
    ];

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-import-fault-");

    public void Dispose() => _work.Delete(recursive: true);

    [Theory]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,NaN,,1,,1~r,2025-03-14T10:00:00Z,1,6,2,,0,,1,,1", "non_finite_logit", 2)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,Infinity,,1,,1", "non_finite_logit", 1)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,0,,1,,1~r,2025-03-14T10:00:00Z,1,5,2,,0,,1,,1", "duplicate_item", 2)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,0,,1,,1~r,2025-03-14T10:00:00Z,1,6,3,,0,,1,,1", "bad_positions", 2)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,0,,1,,1~r,2025-03-14T10:00:00Z,1,6,-4,,0,,1,,1", "bad_positions", 2)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,1,0,,1,,1~r,2025-03-14T10:00:00Z,1,6,2,,0,,1,,1", "null_value", 2)]
    [InlineData("r,2025-03-14T10:00:00Z,abc,5,1,,0,,1,,1~r,2025-03-14T10:00:00Z,1,6,2,,0,,1,,1", "unparsable_value", 2)]
    [InlineData("r,14/03/2025,1,5,1,,0,,1,,1", "unparsable_value", 1)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,0,,1,1|x,1", "unparsable_value", 1)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,0,,1,,1,5", "malformed_row", 1)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,0,,1,\"a\"b,1", "malformed_row", 1)]
    [InlineData(",2025-03-14T10:00:00Z,1,5,1,,0,,1,,1", "missing_id", 1)]
    [InlineData("r,2025-03-14T10:00:00Z,1,,1,,0,,1,,1~r,2025-03-14T10:00:00Z,1,6,2,,0,,1,,1", "missing_id", 2)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,,,1,,1", "missing_value", 1)]
    [InlineData("r,2025-03-14T10:00:00Z,1,5,1,,0,,1,,", "missing_value", 1)]
    public async Task Import_Fault_QuarantinesWithReasonAndBalances(string faultRows, string reason, int quarantined)
    {
        string[] faults = faultRows.Split('~');
        string[] lines = [Header, s_good[0], .. faults.Take(1), s_good[1], .. faults.Skip(1), s_good[2]];
        string input = Path.Combine(_work.FullName, "in.csv");
        File.WriteAllText(input, string.Join("\n", lines) + "\n");

        ImportLogsResult result = await ImportAsync(input);

        ImportTotals totals = result.Manifest.Totals;
        Assert.True(totals.Balanced);
        Assert.Equal(3 + faults.Length, totals.RowsRead);
        Assert.Equal(3, totals.RowsAccepted);
        Assert.Equal(new Dictionary<string, long> { [reason] = quarantined }, totals.RowsQuarantined);
        Assert.Equal(1, totals.RequestsAccepted);
        ImportInputRecord file = Assert.Single(result.Manifest.Inputs);
        Assert.Equal(file.RowsRead, file.RowsAccepted + file.RowsQuarantined.Values.Sum());
        string[] quarantine = File.ReadAllLines(result.Manifest.QuarantineFile!);
        Assert.Equal(quarantined, quarantine.Length);
        foreach (string line in quarantine)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(reason, json.RootElement.GetProperty("reason").GetString());
            Assert.Equal(input, json.RootElement.GetProperty("file").GetString());
            Assert.InRange(json.RootElement.GetProperty("row").GetInt64(), 2, lines.Length);
        }
    }

    [Fact]
    public async Task Import_GoodRows_WritesTheRequestWithCutLabelsAndLists()
    {
        string input = Path.Combine(_work.FullName, "in.csv");
        File.WriteAllText(input, string.Join("\r\n", [Header, .. s_good]) + "\r\n");

        ImportLogsResult result = await ImportAsync(input);

        ImportPartitionRecord partition = Assert.Single(result.Manifest.Partitions);
        Assert.Equal(new DateOnly(2025, 3, 14), partition.Day);
        Assert.Equal(3, partition.Rows);
        Assert.Null(result.Manifest.QuarantineFile);
    }

    [Fact]
    public async Task Import_SameContentTwice_IsCountedOnce()
    {
        string first = Path.Combine(_work.FullName, "a.csv");
        string copy = Path.Combine(_work.FullName, "b.csv");
        File.WriteAllText(first, string.Join("\n", [Header, .. s_good]) + "\n");
        File.Copy(first, copy);

        ImportLogsResult once = await ImportAsync(first, copy);
        ImportLogsResult again = await ImportAsync(copy);

        Assert.Equal(3, once.Manifest.Totals.RowsRead);
        Assert.Equal([ImportInputStatus.Imported, ImportInputStatus.DuplicateSkipped], once.Manifest.Inputs.Select(i => i.Status));
        Assert.Single(once.Messages);
        Assert.Equal(0, again.Manifest.Totals.RowsRead);
        Assert.Equal(ImportInputStatus.DuplicateSkipped, Assert.Single(again.Manifest.Inputs).Status);
        Assert.Empty(again.Manifest.Partitions);
        Assert.Single(new ArrowLogStore(Path.Combine(_work.FullName, "logs")).ListFiles(new DateOnly(2025, 3, 14)));
    }

    [Fact]
    public async Task Import_HeaderWithoutMappedColumn_QuarantinesTheFileWhole()
    {
        string input = Path.Combine(_work.FullName, "in.csv");
        File.WriteAllText(input, Header.Replace("price", "cost", StringComparison.Ordinal) + "\n" + s_good[0] + "\n");

        ImportLogsResult result = await ImportAsync(input);

        ImportInputRecord file = Assert.Single(result.Manifest.Inputs);
        Assert.Equal(ImportInputStatus.FileQuarantined, file.Status);
        Assert.Equal(ImportReasonCodes.MissingColumn, file.Reason);
        Assert.Equal(0, result.Manifest.Totals.RowsRead);
    }

    [Fact]
    public async Task Import_HeaderNamingAMappedColumnTwice_QuarantinesTheFileWholeWithDuplicateColumn()
    {
        string input = Path.Combine(_work.FullName, "in.csv");
        File.WriteAllText(input, Header + ",seg\n" + s_good[0] + ",4\n");

        ImportLogsResult result = await ImportAsync(input);

        ImportInputRecord file = Assert.Single(result.Manifest.Inputs);
        Assert.Equal(ImportInputStatus.FileQuarantined, file.Status);
        Assert.Equal(ImportReasonCodes.DuplicateColumn, file.Reason);
        Assert.Equal(0, result.Manifest.Totals.RowsRead);
    }

    [Fact]
    public async Task Import_ExtraUnmappedColumns_AreIgnored()
    {
        string input = Path.Combine(_work.FullName, "in.csv");
        File.WriteAllText(input, string.Join("\n", ["note," + Header + ",other", .. s_good.Select(r => "x," + r + ",\"y,z\"")]) + "\n");

        ImportLogsResult result = await ImportAsync(input);

        Assert.Equal(3, result.Manifest.Totals.RowsAccepted);
        Assert.Empty(result.Manifest.Totals.RowsQuarantined);
    }

    private async Task<ImportLogsResult> ImportAsync(params string[] inputs)
    {
        string mapping = Path.Combine(_work.FullName, "mapping.yaml");
        File.WriteAllText(mapping, Mapping);
        var store = new ArrowLogStore(Path.Combine(_work.FullName, "logs"));
        return await new LogImporter(store, TimeProvider.System)
            .ImportAsync(new ImportLogsRequest(ImportFormat.Csv, inputs, mapping, _work.FullName), CancellationToken.None);
    }
}
