using CascadeDistill.Registry;

namespace CascadeDistill.SqlServer.Rows;

/// <summary>A <c>cascade_distill.run_stages</c> row as Dapper reads it.</summary>
internal sealed class StageRow
{
    public const string Columns =
        "run_id AS RunId, stage AS Stage, status AS Status, started_at AS StartedAt, finished_at AS FinishedAt, " +
        "seconds AS Seconds, output_json AS OutputJson, failure_reason AS FailureReason";

    public string RunId { get; set; } = string.Empty;

    public string Stage { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public double? Seconds { get; set; }

    public string? OutputJson { get; set; }

    public string? FailureReason { get; set; }

    public StageRecord ToRecord() => new(
        SqlServerValues.ParseEnum<RunStage>(Stage),
        SqlServerValues.ParseEnum<StageStatus>(Status),
        SqlServerValues.ReadTime(StartedAt),
        SqlServerValues.ReadTime(FinishedAt),
        Seconds,
        OutputJson,
        FailureReason);
}
