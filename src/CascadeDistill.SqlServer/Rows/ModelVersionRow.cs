using CascadeDistill.Registry;

namespace CascadeDistill.SqlServer.Rows;

/// <summary>A <c>cascade_distill.model_versions</c> row as Dapper reads it.</summary>
internal sealed class ModelVersionRow
{
    public const string Columns =
        "model_name AS ModelName, version AS Version, run_id AS RunId, pipeline AS Pipeline, config_hash AS ConfigHash, " +
        "dataset_digest AS DatasetDigest, status AS Status, artifact_directory AS ArtifactDirectory, " +
        "metrics_json AS MetricsJson, parity_json AS ParityJson, failure_reason AS FailureReason, " +
        "created_at AS CreatedAt, ready_at AS ReadyAt, failed_at AS FailedAt";

    public string ModelName { get; set; } = string.Empty;

    public int Version { get; set; }

    public string RunId { get; set; } = string.Empty;

    public string Pipeline { get; set; } = string.Empty;

    public string ConfigHash { get; set; } = string.Empty;

    public string DatasetDigest { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string ArtifactDirectory { get; set; } = string.Empty;

    public string? MetricsJson { get; set; }

    public string? ParityJson { get; set; }

    public string? FailureReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadyAt { get; set; }

    public DateTime? FailedAt { get; set; }

    public ModelVersion ToRecord(IEnumerable<ModelFileRow> files) => new(
        ModelName,
        Version,
        RunId,
        Pipeline,
        ConfigHash,
        DatasetDigest,
        SqlServerValues.ParseEnum<ModelVersionStatus>(Status),
        ArtifactDirectory,
        files.Select(f => f.ToRecord()).OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray(),
        MetricsJson,
        ParityJson,
        FailureReason,
        SqlServerValues.ReadTime(CreatedAt),
        SqlServerValues.ReadTime(ReadyAt),
        SqlServerValues.ReadTime(FailedAt));
}
