using CascadeDistill.Registry;

namespace CascadeDistill.Storage.Sqlite.Rows;

/// <summary>A <c>model_versions</c> row as Dapper reads it.</summary>
internal sealed class ModelVersionRow
{
    public const string Columns =
        "model_name AS ModelName, version AS Version, run_id AS RunId, pipeline AS Pipeline, config_hash AS ConfigHash, " +
        "dataset_digest AS DatasetDigest, status AS Status, artifact_directory AS ArtifactDirectory, " +
        "metrics_json AS MetricsJson, parity_json AS ParityJson, failure_reason AS FailureReason, " +
        "created_at AS CreatedAt, ready_at AS ReadyAt, failed_at AS FailedAt";

    public string ModelName { get; set; } = string.Empty;

    public long Version { get; set; }

    public string RunId { get; set; } = string.Empty;

    public string Pipeline { get; set; } = string.Empty;

    public string ConfigHash { get; set; } = string.Empty;

    public string DatasetDigest { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string ArtifactDirectory { get; set; } = string.Empty;

    public string? MetricsJson { get; set; }

    public string? ParityJson { get; set; }

    public string? FailureReason { get; set; }

    public string CreatedAt { get; set; } = string.Empty;

    public string? ReadyAt { get; set; }

    public string? FailedAt { get; set; }

    public ModelVersionStatus ParsedStatus => SqliteText.ParseEnum<ModelVersionStatus>(Status);

    public ModelVersion ToRecord(IEnumerable<ModelFileRow> files) => new(
        ModelName,
        checked((int)Version),
        RunId,
        Pipeline,
        ConfigHash,
        DatasetDigest,
        ParsedStatus,
        ArtifactDirectory,
        files.Select(f => f.ToRecord()).OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray(),
        MetricsJson,
        ParityJson,
        FailureReason,
        SqliteText.ParseTime(CreatedAt),
        SqliteText.ParseOptionalTime(ReadyAt),
        SqliteText.ParseOptionalTime(FailedAt));
}
