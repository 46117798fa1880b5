namespace CascadeDistill.Registry;

/// <summary>Reserves the next version number of <paramref name="ModelName"/> for the run <paramref name="RunId"/>.</summary>
/// <param name="ModelName">Registry model name (a safe path segment, see <see cref="ArtifactLayout.ValidateModelName"/>).</param>
/// <param name="ConfigHash">Lowercase hex SHA-256 of the pipeline definition.</param>
/// <param name="DatasetDigest">Lowercase hex SHA-256 identifying the training dataset.</param>
/// <param name="MetricsJson">Evaluation metrics, as JSON text.</param>
public sealed record CreateVersionRequest(
    string ModelName,
    string RunId,
    string Pipeline,
    string ConfigHash,
    string DatasetDigest,
    string? MetricsJson = null);
