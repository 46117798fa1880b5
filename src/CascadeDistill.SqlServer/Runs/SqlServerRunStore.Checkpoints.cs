using System.Text.Json;
using CascadeDistill.Registry;
using CascadeDistill.SqlServer.Rows;
using Dapper;
using static CascadeDistill.SqlServer.SqlServerTables;

namespace CascadeDistill.SqlServer.Runs;

/// <summary>
/// Stage checkpoints (<c>run_checkpoints</c>, migration 0003), as the SQLite store keeps them: saved while the run is
/// Running (its row read under an update lock, so the upsert cannot race another writer of the run).
/// </summary>
public sealed partial class SqlServerRunStore : IRunCheckpointStore
{
    private static readonly JsonSerializerOptions s_checkpointJson = new(JsonSerializerDefaults.Web);

    public Task SaveCheckpointAsync(string runId, RunCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ThrowIfUndefined(checkpoint.Stage);
        ArgumentNullException.ThrowIfNull(checkpoint.Files);
        RegistryJson.ThrowIfInvalid(checkpoint.PayloadJson, nameof(checkpoint));
        string? badPath = checkpoint.Files.Select(f => ArtifactVerifier.CheckRelativePath(f.RelativePath)).FirstOrDefault(p => p is not null);
        if (badPath is not null)
        {
            throw new ArgumentException($"Checkpoint file path: {badPath}", nameof(checkpoint));
        }
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var run = await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                RequireRunning(run, $"save the {checkpoint.Stage} checkpoint");
                return await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE {CheckpointsTable} {SqlServerRegistryDatabase.Lock}
                    SET attempt = @Attempt, files_json = @FilesJson, payload_json = @PayloadJson, created_at = @CreatedAt
                    WHERE run_id = @RunId AND stage = @Stage;
                    IF @@ROWCOUNT = 0
                        INSERT INTO {CheckpointsTable} (run_id, stage, attempt, files_json, payload_json, created_at)
                        VALUES (@RunId, @Stage, @Attempt, @FilesJson, @PayloadJson, @CreatedAt);
                    """,
                    new
                    {
                        RunId = runId,
                        Stage = checkpoint.Stage.ToString(),
                        checkpoint.Attempt,
                        FilesJson = JsonSerializer.Serialize(checkpoint.Files, s_checkpointJson),
                        checkpoint.PayloadJson,
                        CreatedAt = SqlServerValues.Time(checkpoint.CreatedAt),
                    },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<RunCheckpoint>> ListCheckpointsAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return _database.ReadAsync<IReadOnlyList<RunCheckpoint>>(
            async (connection, transaction) =>
            {
                var rows = await connection.QueryAsync<CheckpointRow>(new CommandDefinition(
                    $"SELECT {CheckpointRow.Columns} FROM {CheckpointsTable} WHERE run_id = @RunId;",
                    new { RunId = runId },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return rows.Select(r => r.ToRecord(s_checkpointJson)).OrderBy(c => c.Stage).ToArray();
            },
            cancellationToken);
    }

    public Task DeleteCheckpointAsync(string runId, RunStage stage, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ThrowIfUndefined(stage);
        return _database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {CheckpointsTable} WHERE run_id = @RunId AND stage = @Stage;",
                new { RunId = runId, Stage = stage.ToString() },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }
}
