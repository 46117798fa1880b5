using CascadeDistill.Registry;
using Dapper;
using Microsoft.Data.SqlClient;
using static CascadeDistill.SqlServer.SqlServerTables;

namespace CascadeDistill.SqlServer.Runs;

/// <summary>Stage records: begin, complete, fail.</summary>
public sealed partial class SqlServerRunStore
{
    public Task<StageRecord> BeginStageAsync(string runId, RunStage stage, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ThrowIfUndefined(stage);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var run = await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                RequireRunning(run, $"begin {stage}");
                if (run.HasSucceeded(stage))
                {
                    throw new RunStateException(runId, run.Status, $"stage {stage} already succeeded; a resumed run skips it.");
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE {StagesTable} {SqlServerRegistryDatabase.Lock}
                    SET status = N'Running', started_at = @Now, finished_at = NULL, seconds = NULL, output_json = NULL, failure_reason = NULL
                    WHERE run_id = @RunId AND stage = @Stage;
                    IF @@ROWCOUNT = 0
                        INSERT INTO {StagesTable} (run_id, stage, status, started_at) VALUES (@RunId, @Stage, N'Running', @Now);
                    """,
                    new { RunId = runId, Stage = stage.ToString(), Now = SqlServerValues.Time(_timeProvider.GetUtcNow()) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return await LoadStageAsync(connection, transaction, runId, stage, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<StageRecord> CompleteStageAsync(string runId, RunStage stage, string? outputJson, CancellationToken cancellationToken)
    {
        RegistryJson.ThrowIfInvalid(outputJson, nameof(outputJson));
        return FinishRunningStageAsync(runId, stage, StageStatus.Succeeded, outputJson, null, cancellationToken);
    }

    public Task<StageRecord> FailStageAsync(string runId, RunStage stage, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return FinishRunningStageAsync(runId, stage, StageStatus.Failed, null, reason, cancellationToken);
    }

    private static void ThrowIfUndefined(RunStage stage)
    {
        if (!Enum.IsDefined(stage))
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage.");
        }
    }

    private static Task FinishStageAsync(
        SqlConnection connection,
        SqlTransaction transaction,
        string runId,
        StageRecord stage,
        StageStatus status,
        string? outputJson,
        string? reason,
        DateTimeOffset now,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE {StagesTable} SET status = @Status, finished_at = @Now, seconds = @Seconds, output_json = @OutputJson, failure_reason = @Reason
            WHERE run_id = @RunId AND stage = @Stage AND status = N'Running';
            """,
            new
            {
                RunId = runId,
                Stage = stage.Stage.ToString(),
                Status = status.ToString(),
                Now = SqlServerValues.Time(now),
                Seconds = Math.Max(0, (now - stage.StartedAt).TotalSeconds),
                OutputJson = outputJson,
                Reason = reason,
            },
            transaction,
            cancellationToken: cancellationToken));

    private Task<StageRecord> FinishRunningStageAsync(
        string runId, RunStage stage, StageStatus status, string? outputJson, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ThrowIfUndefined(stage);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var run = await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                RequireRunning(run, $"finish {stage}");
                var current = run.FindStage(stage);
                if (current is not { Status: StageStatus.Running })
                {
                    throw new RunStateException(runId, run.Status, $"stage {stage} is {current?.Status.ToString() ?? "not begun"}, not Running.");
                }

                await FinishStageAsync(connection, transaction, runId, current, status, outputJson, reason, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                return await LoadStageAsync(connection, transaction, runId, stage, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }
}
