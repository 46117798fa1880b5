using CascadeDistill.Arrow.Logs;
using CascadeDistill.Imports;
using CascadeDistill.Parquet.Imports;
using ParquetSharp;
using ParquetSharp.Schema;

namespace CascadeDistill.Parquet.Tests.Imports;

/// <summary>Retyped and extra Parquet columns: a text value where a number is mapped, a struct column, an unmapped column.</summary>
public sealed class ParquetSchemaFaultTests : IDisposable
{
    private const string Mapping = """
        request_id: req
        event_time: { column: ts, format: iso8601 }
        user_id: uid
        item_id: iid
        position: { column: pos, cut: "0" }
        teacher: { click: t_click }
        """;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-parquet-schema-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Import_LogitColumnRetypedAsText_QuarantinesTheRequestWithAWordAsUnparsable()
    {
        string path = Path.Combine(_work.FullName, "retyped.parquet");
        using (var writer = new ParquetFileWriter(path,
        [
            new Column<string>("req"), new Column<string>("ts"), new Column<long>("uid"), new Column<long>("iid"),
            new Column<int>("pos"), new Column<string>("t_click"), new Column<string>("comment"),
        ]))
        {
            using RowGroupWriter group = writer.AppendRowGroup();
            Write(group, new[] { "a", "b", "a", "b" });
            Write(group, Enumerable.Repeat("2025-03-14T10:00:00Z", 4).ToArray());
            Write(group, new long[] { 1, 2, 1, 2 });
            Write(group, new long[] { 10, 20, 11, 21 });
            Write(group, new[] { 1, 1, 2, 2 });
            Write(group, new[] { "0.5", "high", "-1", "0.1" });
            Write(group, new[] { "extra", "columns", "are", "ignored" });
            writer.Close();
        }

        ImportLogsResult result = await ImportAsync(path);

        ImportTotals totals = result.Manifest.Totals;
        Assert.True(totals.Balanced);
        Assert.Equal(4, totals.RowsRead);
        Assert.Equal(2, totals.RowsAccepted);
        Assert.Equal(new Dictionary<string, long> { [ImportReasonCodes.UnparsableValue] = 2 }, totals.RowsQuarantined);
        Assert.Equal(1, totals.RequestsAccepted);
    }

    [Fact]
    public async Task Import_MappedColumnIsAStruct_RefusesTheFileWithWrongType()
    {
        string path = Path.Combine(_work.FullName, "struct.parquet");
        Node[] fields =
        [
            Plain("req", LogicalType.String(), PhysicalType.ByteArray), Plain("ts", LogicalType.String(), PhysicalType.ByteArray),
            Plain("uid", LogicalType.None(), PhysicalType.Int64), Plain("iid", LogicalType.None(), PhysicalType.Int64),
            Plain("pos", LogicalType.None(), PhysicalType.Int32),
            new GroupNode("t_click", Repetition.Required, [Plain("value", LogicalType.None(), PhysicalType.Float), Plain("weight", LogicalType.None(), PhysicalType.Float)]),
        ];
        using (var schema = new GroupNode("schema", Repetition.Required, fields))
        using (WriterProperties properties = WriterProperties.GetDefaultWriterProperties())
        using (var writer = new ParquetFileWriter(path, schema, properties))
        {
            writer.Close();
        }
        foreach (Node field in fields)
        {
            field.Dispose();
        }

        ImportLogsResult result = await ImportAsync(path);

        ImportInputRecord input = Assert.Single(result.Manifest.Inputs);
        Assert.Equal(ImportInputStatus.FileQuarantined, input.Status);
        Assert.Equal(ImportReasonCodes.WrongType, input.Reason);
        Assert.Contains("'t_click'", input.Message, StringComparison.Ordinal);
        Assert.Equal(0, input.RowsRead);
    }

    private static PrimitiveNode Plain(string name, LogicalType type, PhysicalType physical) => new(name, Repetition.Required, type, physical);

    private static void Write<T>(RowGroupWriter group, T[] values)
    {
        using LogicalColumnWriter<T> column = group.NextColumn().LogicalWriter<T>();
        column.WriteBatch(values);
    }

    private async Task<ImportLogsResult> ImportAsync(string input)
    {
        string mapping = Path.Combine(_work.FullName, "mapping.yaml");
        File.WriteAllText(mapping, Mapping);
        var importer = new LogImporter(new ArrowLogStore(Path.Combine(_work.FullName, "logs")), TimeProvider.System, [new ParquetImportSource()]);
        return await importer.ImportAsync(new ImportLogsRequest(ImportFormat.Parquet, [input], mapping, _work.FullName), CancellationToken.None);
    }
}
