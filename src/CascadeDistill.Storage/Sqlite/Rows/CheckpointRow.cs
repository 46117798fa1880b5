using System.Text.Json;
using CascadeDistill.Registry;

namespace CascadeDistill.Storage.Sqlite.Rows;

/// <summary>A <c>run_checkpoints</c> row as Dapper reads it.</summary>
internal sealed class CheckpointRow
{
    public const string Columns =
        "stage AS Stage, attempt AS Attempt, files_json AS FilesJson, payload_json AS PayloadJson, created_at AS CreatedAt";

    public string Stage { get; set; } = string.Empty;

    public long Attempt { get; set; }

    public string FilesJson { get; set; } = string.Empty;

    public string PayloadJson { get; set; } = string.Empty;

    public string CreatedAt { get; set; } = string.Empty;

    public RunCheckpoint ToRecord(JsonSerializerOptions json) => new(
        SqliteText.ParseEnum<RunStage>(Stage),
        checked((int)Attempt),
        JsonSerializer.Deserialize<ModelFile[]>(FilesJson, json) ?? [],
        PayloadJson,
        SqliteText.ParseTime(CreatedAt));
}
