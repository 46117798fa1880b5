using CascadeDistill.Registry;
using CascadeDistill.SqlServer.Rows;
using Dapper;
using Microsoft.Data.SqlClient;
using static CascadeDistill.SqlServer.SqlServerTables;

namespace CascadeDistill.SqlServer.Registry;

/// <summary>Reads: single versions, the latest Ready one, listings.</summary>
public sealed partial class SqlServerModelRegistry
{
    public Task<ModelVersion?> GetVersionAsync(string modelName, int version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        return _database.ReadAsync(
            (connection, transaction) => FindVersionAsync(connection, transaction, modelName, version, forUpdate: false, cancellationToken),
            cancellationToken);
    }

    public Task<ModelVersion?> GetLatestReadyVersionAsync(string modelName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        return _database.ReadAsync(
            async (connection, transaction) =>
            {
                var latest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                    $"SELECT MAX(version) FROM {VersionsTable} WHERE model_name = @ModelName AND status = N'Ready';",
                    new { ModelName = modelName },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return latest is { } number
                    ? await FindVersionAsync(connection, transaction, modelName, number, forUpdate: false, cancellationToken).ConfigureAwait(false)
                    : null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string? modelName, bool includeNonReady, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<ModelVersion>>(
            async (connection, transaction) =>
            {
                const string Filter = "(@ModelName IS NULL OR v.model_name = @ModelName) AND (@IncludeNonReady = 1 OR v.status = N'Ready')";
                var parameters = new { ModelName = modelName, IncludeNonReady = includeNonReady };
                var rows = await connection.QueryAsync<ModelVersionRow>(new CommandDefinition(
                    $"SELECT {ModelVersionRow.Columns} FROM {VersionsTable} AS v WHERE {Filter} ORDER BY v.model_name, v.version;",
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var files = await connection.QueryAsync<ModelFileRow>(new CommandDefinition(
                    $"""
                    SELECT f.model_name AS ModelName, f.version AS Version, f.relative_path AS RelativePath, f.bytes AS Bytes, f.sha256 AS Sha256
                    FROM {FilesTable} AS f
                    INNER JOIN {VersionsTable} AS v ON v.model_name = f.model_name AND v.version = f.version
                    WHERE {Filter};
                    """,
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var filesByVersion = files.ToLookup(f => (f.ModelName, f.Version));
                return rows.Select(r => r.ToRecord(filesByVersion[(r.ModelName, r.Version)])).ToArray();
            },
            cancellationToken);

    private static async Task<ModelVersion?> FindVersionAsync(
        SqlConnection connection, SqlTransaction transaction, string modelName, int version, bool forUpdate, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ModelVersionRow>(new CommandDefinition(
            forUpdate
                ? $"SELECT {ModelVersionRow.Columns} FROM {VersionsTable} {SqlServerRegistryDatabase.Lock} WHERE model_name = @ModelName AND version = @Version;"
                : $"SELECT {ModelVersionRow.Columns} FROM {VersionsTable} WHERE model_name = @ModelName AND version = @Version;",
            new { ModelName = modelName, Version = version },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var files = await connection.QueryAsync<ModelFileRow>(new CommandDefinition(
            $"SELECT {ModelFileRow.Columns} FROM {FilesTable} WHERE model_name = @ModelName AND version = @Version;",
            new { ModelName = modelName, Version = version },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToRecord(files);
    }

    private static async Task<ModelVersion> LoadVersionAsync(
        SqlConnection connection, SqlTransaction transaction, string modelName, int version, CancellationToken cancellationToken) =>
        await FindVersionAsync(connection, transaction, modelName, version, forUpdate: false, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelVersionNotFoundException(modelName, version);

    /// <summary>Loads the version under an update lock and throws unless it is Pending.</summary>
    private static async Task<ModelVersion> RequirePendingAsync(
        SqlConnection connection, SqlTransaction transaction, string modelName, int version, string operation, CancellationToken cancellationToken)
    {
        var current = await FindVersionAsync(connection, transaction, modelName, version, forUpdate: true, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelVersionNotFoundException(modelName, version);
        ThrowIfNotPending(current, operation);
        return current;
    }
}
