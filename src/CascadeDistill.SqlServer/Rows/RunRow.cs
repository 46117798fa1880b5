using CascadeDistill.Registry;

namespace CascadeDistill.SqlServer.Rows;

/// <summary>A <c>cascade_distill.runs</c> row as Dapper reads it.</summary>
internal sealed class RunRow
{
    public const string Columns =
        "run_id AS RunId, pipeline AS Pipeline, partition_day AS PartitionDay, window_first AS WindowFirst, " +
        "window_last AS WindowLast, config_hash AS ConfigHash, status AS Status, attempt AS Attempt, " +
        "started_at AS StartedAt, finished_at AS FinishedAt, failure_reason AS FailureReason, " +
        "row_accounting_json AS RowAccountingJson, metrics_json AS MetricsJson, " +
        "generation AS Generation, supersedes_run_id AS SupersedesRunId";

    public string RunId { get; set; } = string.Empty;

    public string Pipeline { get; set; } = string.Empty;

    public DateTime PartitionDay { get; set; }

    public DateTime WindowFirst { get; set; }

    public DateTime WindowLast { get; set; }

    public string ConfigHash { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public int Attempt { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public string? FailureReason { get; set; }

    public string? RowAccountingJson { get; set; }

    public string? MetricsJson { get; set; }

    public int Generation { get; set; }

    public string? SupersedesRunId { get; set; }

    public RunStatus ParsedStatus => SqlServerValues.ParseEnum<RunStatus>(Status);

    public RunRecord ToRecord(IEnumerable<StageRow> stages) => new(
        RunId,
        Pipeline,
        SqlServerValues.ReadDay(PartitionDay),
        SqlServerValues.ReadDay(WindowFirst),
        SqlServerValues.ReadDay(WindowLast),
        ConfigHash,
        ParsedStatus,
        Attempt,
        SqlServerValues.ReadTime(StartedAt),
        SqlServerValues.ReadTime(FinishedAt),
        FailureReason,
        RowAccountingJson,
        MetricsJson,
        stages.Select(s => s.ToRecord()).OrderBy(s => s.Stage).ToArray())
    {
        Generation = Generation,
        SupersedesRunId = SupersedesRunId,
    };
}
