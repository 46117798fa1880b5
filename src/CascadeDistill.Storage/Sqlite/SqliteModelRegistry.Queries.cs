using CascadeDistill.Registry;
using CascadeDistill.Storage.Sqlite.Rows;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CascadeDistill.Storage.Sqlite;

/// <summary>Reads: single versions, the latest Ready one, listings.</summary>
public sealed partial class SqliteModelRegistry
{
    public Task<ModelVersion?> GetVersionAsync(string modelName, int version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        return _database.ReadAsync(
            (connection, transaction) => FindVersionAsync(connection, transaction, modelName, version, cancellationToken),
            cancellationToken);
    }

    public Task<ModelVersion?> GetLatestReadyVersionAsync(string modelName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        return _database.ReadAsync(
            async (connection, transaction) =>
            {
                var latest = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                    "SELECT MAX(version) FROM model_versions WHERE model_name = @ModelName AND status = 'Ready';",
                    new { ModelName = modelName },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return latest is { } number
                    ? await FindVersionAsync(connection, transaction, modelName, checked((int)number), cancellationToken).ConfigureAwait(false)
                    : null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string? modelName, bool includeNonReady, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<ModelVersion>>(
            async (connection, transaction) =>
            {
                const string Filter = "(@ModelName IS NULL OR model_name = @ModelName) AND (@IncludeNonReady = 1 OR status = 'Ready')";
                var parameters = new { ModelName = modelName, IncludeNonReady = includeNonReady ? 1 : 0 };
                var rows = await connection.QueryAsync<ModelVersionRow>(new CommandDefinition(
                    $"SELECT {ModelVersionRow.Columns} FROM model_versions WHERE {Filter} ORDER BY model_name, version;",
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var files = await connection.QueryAsync<ModelFileRow>(new CommandDefinition(
                    $"""
                    SELECT {ModelFileRow.Columns} FROM model_version_files
                    WHERE (model_name, version) IN (SELECT model_name, version FROM model_versions WHERE {Filter});
                    """,
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var filesByVersion = files.ToLookup(f => (f.ModelName, f.Version));
                return rows.Select(r => r.ToRecord(filesByVersion[(r.ModelName, r.Version)])).ToArray();
            },
            cancellationToken);

    private static async Task<ModelVersion?> FindVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, string modelName, int version, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ModelVersionRow>(new CommandDefinition(
            $"SELECT {ModelVersionRow.Columns} FROM model_versions WHERE model_name = @ModelName AND version = @Version;",
            new { ModelName = modelName, Version = version },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var files = await connection.QueryAsync<ModelFileRow>(new CommandDefinition(
            $"SELECT {ModelFileRow.Columns} FROM model_version_files WHERE model_name = @ModelName AND version = @Version;",
            new { ModelName = modelName, Version = version },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToRecord(files);
    }

    private static async Task<ModelVersion> LoadVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, string modelName, int version, CancellationToken cancellationToken) =>
        await FindVersionAsync(connection, transaction, modelName, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelVersionNotFoundException(modelName, version);

    /// <summary>Loads the version and throws unless it is Pending.</summary>
    private static async Task<ModelVersion> RequirePendingAsync(
        SqliteConnection connection, SqliteTransaction transaction, string modelName, int version, string operation, CancellationToken cancellationToken)
    {
        var current = await LoadVersionAsync(connection, transaction, modelName, version, cancellationToken).ConfigureAwait(false);
        ThrowIfNotPending(current, operation);
        return current;
    }
}
