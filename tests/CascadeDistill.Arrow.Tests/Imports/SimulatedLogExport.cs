using System.Globalization;
using System.Text;
using System.Text.Json;
using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Tests.Imports;

/// <summary>Writes simulator requests out as CSV or JSON Lines rows (shuffled across requests) and the mapping that reads them back.</summary>
internal static class SimulatedLogExport
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

    public static string Mapping(bool csv)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("request_id: req");
        yaml.AppendLine(csv ? "event_time: { column: ts, format: iso8601 }" : "event_time: { column: ts, format: epoch_ms }");
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
            yaml.AppendLine($"  - {{ name: {name}, column: f_{name.Replace('.', '_')}, kind: {word}{(kind == FeatureKind.MultiCategorical && csv ? ", delimiter: \";\"" : "")} }}");
        }
        return yaml.ToString();
    }

    public static string[] Header() =>
    [
        "req", "ts", "uid", "iid", "pos", "rpos", "t_click", "t_finish", "y_click", "y_finish",
        .. Features.Select(f => "f_" + f.Name.Replace('.', '_')),
    ];

    /// <summary>Every row of <paramref name="blocks"/> as cells (lists as long[]), shuffled with <paramref name="seed"/>.</summary>
    public static List<object?[]> Rows(IEnumerable<RequestBlock> blocks, int seed)
    {
        var rows = new List<object?[]>();
        foreach (RequestBlock block in blocks)
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
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        return rows;
    }

    /// <summary>The simulator's feature name for a log column (<c>user.segment</c> → <c>segment</c>).</summary>
    public static string Short(string column) => column[(column.IndexOf('.', StringComparison.Ordinal) + 1)..];

    public static void WriteCsv(string path, IEnumerable<object?[]> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write(string.Join(",", Header()) + "\r\n");
        foreach (object?[] row in rows)
        {
            writer.Write(string.Join(",", row.Select((cell, c) => c == 0 ? "\"" + ((string)cell!).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : CsvText(cell))) + "\n");
        }
    }

    public static void WriteJsonl(string path, IEnumerable<object?[]> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        string[] header = Header();
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
        long[] ids => string.Join(";", ids.Select(id => id.ToString(CultureInfo.InvariantCulture))),
        IFormattable v => v.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString()!,
    };
}
