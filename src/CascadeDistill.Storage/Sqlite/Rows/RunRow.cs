using CascadeDistill.Registry;

namespace CascadeDistill.Storage.Sqlite.Rows;

/// <summary>A <c>runs</c> row as Dapper reads it.</summary>
internal sealed class RunRow
{
    public const string Columns =
        "run_id AS RunId, pipeline AS Pipeline, partition_day AS PartitionDay, window_first AS WindowFirst, " +
        "window_last AS WindowLast, config_hash AS ConfigHash, status AS Status, attempt AS Attempt, " +
        "started_at AS StartedAt, finished_at AS FinishedAt, failure_reason AS FailureReason, " +
        "row_accounting_json AS RowAccountingJson, metrics_json AS MetricsJson, " +
        "COALESCE((SELECT g.generation FROM run_generations g WHERE g.run_id = runs.run_id), 0) AS Generation, " +
        "(SELECT g.supersedes_run_id FROM run_generations g WHERE g.run_id = runs.run_id) AS SupersedesRunId";

    public string RunId { get; set; } = string.Empty;

    public string Pipeline { get; set; } = string.Empty;

    public string PartitionDay { get; set; } = string.Empty;

    public string WindowFirst { get; set; } = string.Empty;

    public string WindowLast { get; set; } = string.Empty;

    public string ConfigHash { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public long Attempt { get; set; }

    public string StartedAt { get; set; } = string.Empty;

    public string? FinishedAt { get; set; }

    public string? FailureReason { get; set; }

    public string? RowAccountingJson { get; set; }

    public string? MetricsJson { get; set; }

    public long Generation { get; set; }

    public string? SupersedesRunId { get; set; }

    public RunStatus ParsedStatus => SqliteText.ParseEnum<RunStatus>(Status);

    public RunRecord ToRecord(IEnumerable<StageRow> stages) => new(
        RunId,
        Pipeline,
        SqliteText.ParseDay(PartitionDay),
        SqliteText.ParseDay(WindowFirst),
        SqliteText.ParseDay(WindowLast),
        ConfigHash,
        ParsedStatus,
        checked((int)Attempt),
        SqliteText.ParseTime(StartedAt),
        SqliteText.ParseOptionalTime(FinishedAt),
        FailureReason,
        RowAccountingJson,
        MetricsJson,
        stages.Select(s => s.ToRecord()).OrderBy(s => s.Stage).ToArray())
    {
        Generation = checked((int)Generation),
        SupersedesRunId = SupersedesRunId,
    };
}
