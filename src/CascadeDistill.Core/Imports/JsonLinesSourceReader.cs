using System.Text;
using System.Text.Json;

namespace CascadeDistill.Imports;

/// <summary>
/// Streams a JSON Lines file (one object per line) as <see cref="SourceRow"/>s, one line at a time.
/// Blank lines are skipped and not counted. Strings and numbers become text; arrays become
/// <see cref="SourceRow.Lists"/>; a missing property or JSON null is a null cell.
/// </summary>
public static class JsonLinesSourceReader
{
    public static IEnumerable<SourceRow> Read(string path, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            yield return Parse(line, text, columns);
        }
    }

    private static SourceRow Parse(long line, string text, IReadOnlyList<string> columns)
    {
        var cells = new string?[columns.Count];
        var lists = new string[]?[columns.Count];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            // Not swallowed: the row is quarantined as malformed with the parser's message.
            return new SourceRow(line, cells, lists, "not valid JSON: " + e.Message);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new SourceRow(line, cells, lists, "the line is not a JSON object");
            }
            for (int i = 0; i < columns.Count; i++)
            {
                if (!document.RootElement.TryGetProperty(columns[i], out JsonElement value))
                {
                    continue;
                }
                if (value.ValueKind == JsonValueKind.Array)
                {
                    lists[i] = [.. value.EnumerateArray().Select(Text)];
                }
                else
                {
                    cells[i] = value.ValueKind == JsonValueKind.Null ? null : Text(value);
                }
            }
        }
        return new SourceRow(line, cells, lists, null);
    }

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
