using CascadeDistill.Registry;
using CascadeDistill.SqlServer.Rows;
using Dapper;
using static CascadeDistill.SqlServer.SqlServerTables;

namespace CascadeDistill.SqlServer.Runs;

/// <summary>Run generations (columns <c>generation</c>, <c>supersedes_run_id</c>, migration 0004): forced reruns make a new run of the same key.</summary>
public sealed partial class SqlServerRunStore
{
    public Task<RunRecord?> FindLatestRunAsync(string pipeline, DateOnly partition, string configHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        ArgumentException.ThrowIfNullOrEmpty(configHash);
        return _database.ReadAsync(
            async (connection, transaction) =>
            {
                var row = await connection.QueryFirstOrDefaultAsync<RunRow>(new CommandDefinition(
                    $"""
                    SELECT TOP (1) {RunRow.Columns} FROM {RunsTable}
                    WHERE pipeline = @Pipeline AND partition_day = CAST(@Partition AS date) AND config_hash = @ConfigHash
                    ORDER BY generation DESC;
                    """,
                    new { Pipeline = pipeline, Partition = SqlServerValues.Day(partition), ConfigHash = configHash },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (row is null)
                {
                    return null;
                }
                var stages = await LoadStagesAsync(connection, transaction, row.RunId, cancellationToken).ConfigureAwait(false);
                return (RunRecord?)row.ToRecord(stages);
            },
            cancellationToken);
    }
}
