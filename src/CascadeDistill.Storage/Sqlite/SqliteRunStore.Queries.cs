using CascadeDistill.Registry;
using CascadeDistill.Storage.Sqlite.Rows;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CascadeDistill.Storage.Sqlite;

/// <summary>Reads shared by the operations, inside their transaction.</summary>
public sealed partial class SqliteRunStore
{
    private static Task<RunRow?> LoadRunRowAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunRow.Columns} FROM runs WHERE run_id = @RunId;",
            new { RunId = runId },
            transaction,
            cancellationToken: cancellationToken));

    private static async Task<RunRecord> LoadRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        var row = await LoadRunRowAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false)
            ?? throw new RunNotFoundException(runId);
        var stages = await LoadStagesAsync(connection, transaction, [runId], cancellationToken).ConfigureAwait(false);
        return row.ToRecord(stages);
    }

    private static async Task<IReadOnlyList<StageRow>> LoadStagesAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<StageRow>(new CommandDefinition(
            $"SELECT {StageRow.Columns} FROM run_stages WHERE run_id IN @RunIds;",
            new { RunIds = runIds },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToArray();
    }

    private static async Task<StageRecord> LoadStageAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, RunStage stage, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<StageRow>(new CommandDefinition(
            $"SELECT {StageRow.Columns} FROM run_stages WHERE run_id = @RunId AND stage = @Stage;",
            new { RunId = runId, Stage = stage.ToString() },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToRecord();
    }
}
