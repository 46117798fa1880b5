using CascadeDistill.Registry;
using CascadeDistill.SqlServer.Rows;
using Dapper;
using Microsoft.Data.SqlClient;
using static CascadeDistill.SqlServer.SqlServerTables;

namespace CascadeDistill.SqlServer.Runs;

/// <summary>Reads shared by the operations, inside their transaction; in write transactions the run's row is read under an update lock.</summary>
public sealed partial class SqlServerRunStore
{
    private static Task<RunRow?> LoadRunRowAsync(
        SqlConnection connection, SqlTransaction transaction, string runId, bool forUpdate, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            forUpdate
                ? $"SELECT {RunRow.Columns} FROM {RunsTable} {SqlServerRegistryDatabase.Lock} WHERE run_id = @RunId;"
                : $"SELECT {RunRow.Columns} FROM {RunsTable} WHERE run_id = @RunId;",
            new { RunId = runId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>The run with its stages, its row locked for the rest of the (write) transaction.</summary>
    private static async Task<RunRecord> LoadRunAsync(
        SqlConnection connection, SqlTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        var row = await LoadRunRowAsync(connection, transaction, runId, forUpdate: true, cancellationToken).ConfigureAwait(false)
            ?? throw new RunNotFoundException(runId);
        var stages = await LoadStagesAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        return row.ToRecord(stages);
    }

    /// <summary>The run of (pipeline, partition, config hash), locking that key (present or not) until the transaction ends.</summary>
    private static async Task<RunRecord?> FindRunOfKeyAsync(
        SqlConnection connection, SqlTransaction transaction, StartRunRequest request, CancellationToken cancellationToken)
    {
        var existing = await connection.QueryFirstOrDefaultAsync<RunRow>(new CommandDefinition(
            $"""
            SELECT TOP (1) {RunRow.Columns} FROM {RunsTable} {SqlServerRegistryDatabase.Lock}
            WHERE pipeline = @Pipeline AND partition_day = CAST(@Partition AS date) AND config_hash = @ConfigHash
            ORDER BY generation DESC;
            """,
            new { request.Pipeline, Partition = SqlServerValues.Day(request.Partition), request.ConfigHash },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        var stages = await LoadStagesAsync(connection, transaction, existing.RunId, cancellationToken).ConfigureAwait(false);
        return existing.ToRecord(stages);
    }

    private static async Task<IReadOnlyList<StageRow>> LoadStagesAsync(
        SqlConnection connection, SqlTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<StageRow>(new CommandDefinition(
            $"SELECT {StageRow.Columns} FROM {StagesTable} WHERE run_id = @RunId;",
            new { RunId = runId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToArray();
    }

    private static async Task<StageRecord> LoadStageAsync(
        SqlConnection connection, SqlTransaction transaction, string runId, RunStage stage, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<StageRow>(new CommandDefinition(
            $"SELECT {StageRow.Columns} FROM {StagesTable} WHERE run_id = @RunId AND stage = @Stage;",
            new { RunId = runId, Stage = stage.ToString() },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToRecord();
    }
}
