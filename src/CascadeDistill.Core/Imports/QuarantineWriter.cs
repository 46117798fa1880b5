using System.Text;
using System.Text.Json;

namespace CascadeDistill.Imports;

/// <summary>
/// Appends quarantined rows to <c>rows.jsonl</c> in the import's quarantine folder, one JSON object a
/// line: reason, detail, source file, row (line) number and request id. The file is created on the
/// first row.
/// </summary>
internal sealed class QuarantineWriter(string directory) : IDisposable
{
    public const string FileName = "rows.jsonl";

    private FileStream? _stream;
    private Utf8JsonWriter? _json;

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    public long Rows { get; private set; }

    public void Write(string reason, string detail, string file, long row, string? requestId)
    {
        if (_stream is null)
        {
            Directory.CreateDirectory(directory);
            _stream = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            _json = new Utf8JsonWriter(_stream);
        }
        _json!.WriteStartObject();
        _json.WriteString("reason", reason);
        _json.WriteString("detail", detail);
        _json.WriteString("file", file);
        _json.WriteNumber("row", row);
        _json.WriteString("request_id", requestId);
        _json.WriteEndObject();
        _json.Flush();
        _stream.Write("\n"u8);
        _json.Reset();
        Rows++;
    }

    /// <summary>Flushes the rows to disk.</summary>
    public void Complete()
    {
        _json?.Flush();
        _stream?.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        _json?.Dispose();
        _stream?.Dispose();
    }
}
