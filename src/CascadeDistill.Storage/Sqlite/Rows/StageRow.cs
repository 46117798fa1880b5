using CascadeDistill.Registry;

namespace CascadeDistill.Storage.Sqlite.Rows;

/// <summary>A <c>run_stages</c> row as Dapper reads it.</summary>
internal sealed class StageRow
{
    public const string Columns =
        "run_id AS RunId, stage AS Stage, status AS Status, started_at AS StartedAt, finished_at AS FinishedAt, " +
        "seconds AS Seconds, output_json AS OutputJson, failure_reason AS FailureReason";

    public string RunId { get; set; } = string.Empty;

    public string Stage { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string StartedAt { get; set; } = string.Empty;

    public string? FinishedAt { get; set; }

    public double? Seconds { get; set; }

    public string? OutputJson { get; set; }

    public string? FailureReason { get; set; }

    public StageRecord ToRecord() => new(
        SqliteText.ParseEnum<RunStage>(Stage),
        SqliteText.ParseEnum<StageStatus>(Status),
        SqliteText.ParseTime(StartedAt),
        SqliteText.ParseOptionalTime(FinishedAt),
        Seconds,
        OutputJson,
        FailureReason);
}
