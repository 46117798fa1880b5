using System.Globalization;
using System.Text;
using System.Text.Json;
using CascadeDistill.Features;
using CascadeDistill.Imports;
using CascadeDistill.Logs;

namespace CascadeDistill.Simulation;

/// <summary>
/// The simulator's requests as a flat export table — one row per candidate, rows shuffled across requests —
/// and the mapping file that imports it back (<c>cascade-distill simulate --export</c>, the import round-trip
/// tests and the import benchmark). Cells: request id, event time, user, item, position (-1 = cut), re-rank
/// position (-1 = not shown), two teacher logits, two labels (NaN = unknown), then the seven features.
/// </summary>
public static class SimulatedLogExport
{
    public static readonly string[] Objectives = ["click", "finish"];

    public static readonly (string Name, FeatureKind Kind)[] Features =
    [
        ("user.segment", FeatureKind.Categorical),
        ("user.recent_categories", FeatureKind.MultiCategorical),
        ("user.activity", FeatureKind.Numeric),
        ("item.category", FeatureKind.Categorical),
        ("item.tags", FeatureKind.MultiCategorical),
        ("item.popularity", FeatureKind.Numeric),
        ("item.price", FeatureKind.Numeric),
    ];

    /// <summary>The mapping for an export in <paramref name="format"/>: ISO-8601 times for CSV and Parquet, epoch ms for JSON Lines and SQL; a delimiter where the format has no lists.</summary>
    public static string Mapping(ImportFormat format)
    {
        bool iso = format is ImportFormat.Csv or ImportFormat.Parquet;
        bool delimited = format is ImportFormat.Csv or ImportFormat.Sql;
        var yaml = new StringBuilder();
        yaml.AppendLine("request_id: req");
        yaml.AppendLine(iso ? "event_time: { column: ts, format: iso8601 }" : "event_time: { column: ts, format: epoch_ms }");
        yaml.AppendLine("user_id: uid");
        yaml.AppendLine("item_id: iid");
        yaml.AppendLine("position: { column: pos, cut: \"-1\" }");
        yaml.AppendLine("rerank_position: { column: rpos, cut: \"-1\" }");
        yaml.AppendLine("teacher: { click: t_click, finish: t_finish }");
        yaml.AppendLine("labels: { click: y_click, finish: y_finish }");
        yaml.AppendLine("features:");
        foreach ((string name, FeatureKind kind) in Features)
        {
            string word = kind switch { FeatureKind.Categorical => "categorical", FeatureKind.Numeric => "numeric", _ => "multi_categorical" };
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ name: {name}, column: {SourceColumn(name)}, kind: {word}{(kind == FeatureKind.MultiCategorical && delimited ? ", delimiter: \";\"" : "")} }}");
        }
        return yaml.ToString();
    }

    /// <summary>The source column of a feature (<c>item.price</c> → <c>f_item_price</c>).</summary>
    public static string SourceColumn(string feature) => "f_" + feature.Replace('.', '_');

    public static string[] Header() =>
    [
        "req", "ts", "uid", "iid", "pos", "rpos", "t_click", "t_finish", "y_click", "y_finish",
        .. Features.Select(f => SourceColumn(f.Name)),
    ];

    /// <summary>Every row of <paramref name="blocks"/> as cells (lists as long[]), shuffled with <paramref name="seed"/> (in memory: for small logs).</summary>
    public static List<object?[]> Rows(IEnumerable<RequestBlock> blocks, int seed)
    {
        var rows = new List<object?[]>();
        foreach (RequestBlock block in blocks)
        {
            AddRows(block, rows);
        }
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        return rows;
    }

    /// <summary>
    /// The rows of <paramref name="blocks"/>, streamed: each window of <paramref name="windowRows"/> rows
    /// (whole requests) is shuffled before it is returned, so requests interleave with bounded memory.
    /// </summary>
    public static IEnumerable<object?[]> ShuffledRows(IEnumerable<RequestBlock> blocks, int windowRows, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowRows);
        var random = new Random(seed);
        var window = new List<object?[]>(windowRows);
        foreach (RequestBlock block in blocks)
        {
            AddRows(block, window);
            if (window.Count >= windowRows)
            {
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(window));
                foreach (object?[] row in window)
                {
                    yield return row;
                }
                window.Clear();
            }
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(window));
        foreach (object?[] row in window)
        {
            yield return row;
        }
    }

    /// <summary>The simulator's feature name for a log column (<c>user.segment</c> → <c>segment</c>).</summary>
    public static string Short(string column) => column[(column.IndexOf('.', StringComparison.Ordinal) + 1)..];

    /// <returns>The rows written.</returns>
    public static long WriteCsv(string path, IEnumerable<object?[]> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(",", Header()) + "\r\n");
        long count = 0;
        foreach (object?[] row in rows)
        {
            writer.Write(string.Join(",", row.Select((cell, c) => c == 0 ? "\"" + ((string)cell!).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : CsvText(cell))) + "\n");
            count++;
        }
        return count;
    }

    /// <returns>The rows written.</returns>
    public static long WriteJsonl(string path, IEnumerable<object?[]> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        string[] header = Header();
        long count = 0;
        foreach (object?[] row in rows)
        {
            var obj = new Dictionary<string, object?>();
            for (int c = 0; c < header.Length; c++)
            {
                obj[header[c]] = row[c] switch
                {
                    DateTimeOffset t => t.ToUnixTimeMilliseconds(),
                    float f when float.IsNaN(f) => null,
                    var v => v,
                };
            }
            writer.WriteLine(JsonSerializer.Serialize(obj));
            count++;
        }
        return count;
    }

    /// <summary>A list cell as a delimited string (CSV, SQL): <c>3;17</c>.</summary>
    public static string Delimited(long[] ids) => string.Join(";", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    private static void AddRows(RequestBlock block, List<object?[]> rows)
    {
        for (int i = 0; i < block.Count; i++)
        {
            rows.Add(
            [
                block.RequestId, block.EventTime, block.UserId, block.ItemIds[i],
                block.Positions[i] == 0 ? -1 : block.Positions[i],
                block.RerankPositions is null ? null : block.RerankPositions[i] == 0 ? -1 : block.RerankPositions[i],
                block.TeacherLogits["click"][i], block.TeacherLogits["finish"][i],
                Label(block, "click", i), Label(block, "finish", i),
                .. Features.Select(f => Feature(block.Features[Short(f.Name)], i)),
            ]);
        }
    }

    private static object? Label(RequestBlock block, string objective, int i) => block.Labels.TryGetValue(objective, out float[]? l) ? l[i] : float.NaN;

    private static object Feature(FeatureColumn column, int i) => column switch
    {
        CategoricalColumn c => c.Values[i],
        NumericColumn n => n.Values[i],
        MultiCategoricalColumn m => m.Row(i).ToArray(),
        _ => throw new InvalidOperationException(column.GetType().Name),
    };

    private static string CsvText(object? cell) => cell switch
    {
        null => "",
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        float f when float.IsNaN(f) => "",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        long[] ids => Delimited(ids),
        IFormattable v => v.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString()!,
    };
}
