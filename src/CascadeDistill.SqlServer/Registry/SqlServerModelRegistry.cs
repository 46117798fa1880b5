using CascadeDistill.IO;
using CascadeDistill.Registry;
using CascadeDistill.SqlServer.Rows;
using Dapper;
using static CascadeDistill.SqlServer.SqlServerTables;

namespace CascadeDistill.SqlServer.Registry;

/// <summary>
/// <see cref="IModelRegistry"/> over SQL Server, with the SQLite registry's semantics. The next version
/// number is read as <c>MAX(version)</c> under a key-range update lock on the model's rows, so concurrent
/// publishers of one model queue; the (model, version) key and the filtered unique index of live versions
/// per run guard the rest, and triggers refuse changes to Ready and Failed versions.
/// </summary>
public sealed partial class SqlServerModelRegistry : IModelRegistry
{
    private readonly SqlServerRegistryDatabase _database;
    private readonly ArtifactLayout _layout;
    private readonly TimeProvider _timeProvider;

    public SqlServerModelRegistry(SqlServerRegistryDatabase database, ArtifactLayout layout, TimeProvider timeProvider)
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
                    $"SELECT {RunRow.Columns} FROM {RunsTable} WHERE run_id = @RunId;", new { request.RunId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
                    ?? throw new RunNotFoundException(request.RunId);
                if (!string.Equals(run.Pipeline, request.Pipeline, StringComparison.Ordinal)
                    || !string.Equals(run.ConfigHash, request.ConfigHash, StringComparison.Ordinal))
                {
                    throw new ArgumentException(
                        $"Lineage mismatch: run '{request.RunId}' is pipeline '{run.Pipeline}' with config {run.ConfigHash}, the request says '{request.Pipeline}' with {request.ConfigHash}.",
                        nameof(request));
                }

                // Locks the model's whole key range: a concurrent publisher of this model waits here.
                var latest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                    $"SELECT MAX(version) FROM {VersionsTable} {SqlServerRegistryDatabase.Lock} WHERE model_name = @ModelName;",
                    new { request.ModelName },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var live = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
                    $"SELECT version FROM {VersionsTable} WHERE model_name = @ModelName AND run_id = @RunId AND status <> N'Failed';",
                    new { request.ModelName, request.RunId },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (live is { } existing)
                {
                    var found = await LoadVersionAsync(connection, transaction, request.ModelName, existing, cancellationToken).ConfigureAwait(false);
                    return new VersionClaim(found, Created: false);
                }

                var next = checked((latest ?? 0) + 1);
                await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    INSERT INTO {VersionsTable} (model_name, version, run_id, pipeline, config_hash, dataset_digest, status, artifact_directory, metrics_json, created_at)
                    VALUES (@ModelName, @Version, @RunId, @Pipeline, @ConfigHash, @DatasetDigest, N'Pending', @ArtifactDirectory, @MetricsJson, @CreatedAt);
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
                        CreatedAt = SqlServerValues.Time(_timeProvider.GetUtcNow()),
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
                    $"DELETE FROM {FilesTable} WHERE model_name = @ModelName AND version = @Version;",
                    new { ModelName = modelName, Version = version },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    $"INSERT INTO {FilesTable} (model_name, version, relative_path, bytes, sha256) VALUES (@ModelName, @Version, @RelativePath, @Bytes, @Sha256);",
                    files.Select(f => new ModelFileRow { ModelName = modelName, Version = version, RelativePath = f.RelativePath, Bytes = f.Bytes, Sha256 = f.Sha256 }).ToArray(),
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {VersionsTable} SET parity_json = @ParityJson WHERE model_name = @ModelName AND version = @Version AND status = N'Pending';",
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
                    $"UPDATE {VersionsTable} SET status = N'Ready', ready_at = @Now WHERE model_name = @ModelName AND version = @Version AND status = N'Pending';",
                    new { ModelName = modelName, Version = version, Now = SqlServerValues.Time(_timeProvider.GetUtcNow()) },
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
                    $"UPDATE {VersionsTable} SET status = N'Failed', failed_at = @Now, failure_reason = @Reason WHERE model_name = @ModelName AND version = @Version AND status = N'Pending';",
                    new { ModelName = modelName, Version = version, Reason = reason, Now = SqlServerValues.Time(_timeProvider.GetUtcNow()) },
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
            else if (file.RelativePath.Length > MaxRelativePathLength)
            {
                problems.Add($"'{file.RelativePath}': longer than {MaxRelativePathLength} characters");
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
