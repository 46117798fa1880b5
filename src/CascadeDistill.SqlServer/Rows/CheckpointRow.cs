using System.Text.Json;
using CascadeDistill.Registry;

namespace CascadeDistill.SqlServer.Rows;

/// <summary>A <c>cascade_distill.run_checkpoints</c> row as Dapper reads it.</summary>
internal sealed class CheckpointRow
{
    public const string Columns =
        "stage AS Stage, attempt AS Attempt, files_json AS FilesJson, payload_json AS PayloadJson, created_at AS CreatedAt";

    public string Stage { get; set; } = string.Empty;

    public int Attempt { get; set; }

    public string FilesJson { get; set; } = string.Empty;

    public string PayloadJson { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public RunCheckpoint ToRecord(JsonSerializerOptions json) => new(
        SqlServerValues.ParseEnum<RunStage>(Stage),
        Attempt,
        JsonSerializer.Deserialize<ModelFile[]>(FilesJson, json) ?? [],
        PayloadJson,
        SqlServerValues.ReadTime(CreatedAt));
}
