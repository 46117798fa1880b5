using CascadeDistill.IO;
using CascadeDistill.Registry;
using CascadeDistill.Storage.Sqlite.Rows;
using Dapper;

namespace CascadeDistill.Storage.Sqlite;

/// <summary>
/// <see cref="IModelRegistry"/> over the SQLite registry database. Version numbers are allocated in a
/// <c>BEGIN IMMEDIATE</c> transaction under the (model, version) primary key; status changes are
/// checked here and again by triggers in the schema.
/// </summary>
public sealed partial class SqliteModelRegistry : IModelRegistry
{
    private readonly SqliteRegistryDatabase _database;
    private readonly ArtifactLayout _layout;
    private readonly TimeProvider _timeProvider;

    public SqliteModelRegistry(SqliteRegistryDatabase database, ArtifactLayout layout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _layout = layout;
        _timeProvider = timeProvider;
    }

    public Task<VersionClaim> CreatePendingVersionAsync(CreateVersionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArtifactLayout.ValidateModelName(request.ModelName);
        ArgumentException.ThrowIfNullOrEmpty(request.RunId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Pipeline);
        Sha256Hex.ThrowIfInvalid(request.ConfigHash, nameof(request));
        Sha256Hex.ThrowIfInvalid(request.DatasetDigest, nameof(request));
        RegistryJson.ThrowIfInvalid(request.MetricsJson, nameof(request));
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var run = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
                    $"SELECT {RunRow.Columns} FROM runs WHERE run_id = @RunId;", new { request.RunId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
                    ?? throw new RunNotFoundException(request.RunId);
                if (!string.Equals(run.Pipeline, request.Pipeline, StringComparison.Ordinal)
                    || !string.Equals(run.ConfigHash, request.ConfigHash, StringComparison.Ordinal))
                {
                    throw new ArgumentException(
                        $"Lineage mismatch: run '{request.RunId}' is pipeline '{run.Pipeline}' with config {run.ConfigHash}, the request says '{request.Pipeline}' with {request.ConfigHash}.",
                        nameof(request));
                }

                var live = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                    "SELECT version FROM model_versions WHERE model_name = @ModelName AND run_id = @RunId AND status <> 'Failed';",
                    new { request.ModelName, request.RunId },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (live is { } existing)
                {
                    var found = await LoadVersionAsync(connection, transaction, request.ModelName, checked((int)existing), cancellationToken).ConfigureAwait(false);
                    return new VersionClaim(found, Created: false);
                }

                var next = checked((int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE model_name = @ModelName;",
                    new { request.ModelName },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false));
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO model_versions (model_name, version, run_id, pipeline, config_hash, dataset_digest, status, artifact_directory, metrics_json, created_at)
                    VALUES (@ModelName, @Version, @RunId, @Pipeline, @ConfigHash, @DatasetDigest, 'Pending', @ArtifactDirectory, @MetricsJson, @CreatedAt);
                    """,
                    new
                    {
                        request.ModelName,
                        Version = next,
                        request.RunId,
                        request.Pipeline,
                        request.ConfigHash,
                        request.DatasetDigest,
                        ArtifactDirectory = ArtifactLayout.GetRelativeVersionDirectory(request.ModelName, next),
                        request.MetricsJson,
                        CreatedAt = SqliteText.FormatTime(_timeProvider.GetUtcNow()),
                    },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var created = await LoadVersionAsync(connection, transaction, request.ModelName, next, cancellationToken).ConfigureAwait(false);
                return new VersionClaim(created, Created: true);
            },
            cancellationToken);
    }

    public Task<ModelVersion> RecordArtifactsAsync(
        string modelName, int version, IReadOnlyList<ModelFile> files, string? parityJson, CancellationToken cancellationToken)
    {
        ArtifactLayout.ValidateModelName(modelName);
        ArgumentNullException.ThrowIfNull(files);
        ValidateFiles(files);
        RegistryJson.ThrowIfInvalid(parityJson, nameof(parityJson));
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                await RequirePendingAsync(connection, transaction, modelName, version, "record artifacts", cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM model_version_files WHERE model_name = @ModelName AND version = @Version;",
                    new { ModelName = modelName, Version = version },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO model_version_files (model_name, version, relative_path, bytes, sha256) VALUES (@ModelName, @Version, @RelativePath, @Bytes, @Sha256);",
                    files.Select(f => new ModelFileRow { ModelName = modelName, Version = version, RelativePath = f.RelativePath, Bytes = f.Bytes, Sha256 = f.Sha256 }).ToArray(),
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE model_versions SET parity_json = @ParityJson WHERE model_name = @ModelName AND version = @Version AND status = 'Pending';",
                    new { ModelName = modelName, Version = version, ParityJson = parityJson },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return await LoadVersionAsync(connection, transaction, modelName, version, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public async Task<ModelVersion> MarkReadyAsync(string modelName, int version, CancellationToken cancellationToken)
    {
        ArtifactLayout.ValidateModelName(modelName);
        var pending = await GetVersionAsync(modelName, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelVersionNotFoundException(modelName, version);
        ThrowIfNotPending(pending, "mark Ready");
        var problems = pending.Files.Count == 0
            ? [new ArtifactFileProblem("*", "no_files", "no files are recorded for this version.")]
            : await ArtifactVerifier.VerifyAsync(_layout.Resolve(pending), pending.Files, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            throw new ArtifactVerificationException(modelName, version, problems);
        }

        return await _database.WriteAsync(
            async (connection, transaction) =>
            {
                var current = await RequirePendingAsync(connection, transaction, modelName, version, "mark Ready", cancellationToken).ConfigureAwait(false);
                if (!current.Files.SequenceEqual(pending.Files))
                {
                    throw new ArtifactVerificationException(modelName, version,
                        [new ArtifactFileProblem("*", "changed_during_verification", "the recorded files changed while they were being verified.")]);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE model_versions SET status = 'Ready', ready_at = @Now WHERE model_name = @ModelName AND version = @Version AND status = 'Pending';",
                    new { ModelName = modelName, Version = version, Now = SqliteText.FormatTime(_timeProvider.GetUtcNow()) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return await LoadVersionAsync(connection, transaction, modelName, version, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<ModelVersion> MarkFailedAsync(string modelName, int version, string reason, CancellationToken cancellationToken)
    {
        ArtifactLayout.ValidateModelName(modelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                await RequirePendingAsync(connection, transaction, modelName, version, "mark Failed", cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE model_versions SET status = 'Failed', failed_at = @Now, failure_reason = @Reason WHERE model_name = @ModelName AND version = @Version AND status = 'Pending';",
                    new { ModelName = modelName, Version = version, Reason = reason, Now = SqliteText.FormatTime(_timeProvider.GetUtcNow()) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return await LoadVersionAsync(connection, transaction, modelName, version, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private static void ValidateFiles(IReadOnlyList<ModelFile> files)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file is null)
            {
                problems.Add("a file entry is null");
                continue;
            }

            if (ArtifactVerifier.CheckRelativePath(file.RelativePath) is { } pathProblem)
            {
                problems.Add($"'{file.RelativePath}': {pathProblem}");
            }
            else if (!seen.Add(file.RelativePath))
            {
                problems.Add($"'{file.RelativePath}' is listed twice");
            }

            if (file.Bytes < 0)
            {
                problems.Add($"'{file.RelativePath}': negative size {file.Bytes}");
            }

            if (!Sha256Hex.IsValid(file.Sha256))
            {
                problems.Add($"'{file.RelativePath}': '{file.Sha256}' is not a lowercase hex SHA-256");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid model files: " + string.Join("; ", problems) + ".", nameof(files));
        }
    }

    private static void ThrowIfNotPending(ModelVersion version, string operation)
    {
        if (version.Status != ModelVersionStatus.Pending)
        {
            throw new ModelVersionStateException(version.ModelName, version.Version, version.Status, operation);
        }
    }
}
