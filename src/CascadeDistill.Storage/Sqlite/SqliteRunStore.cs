using CascadeDistill.IO;
using CascadeDistill.Registry;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CascadeDistill.Storage.Sqlite;

/// <summary><see cref="IRunStore"/> over the SQLite registry database.</summary>
public sealed partial class SqliteRunStore : IRunStore
{
    private const int MaxRunIdLength = 64;
    private const int MaxListLimit = 10_000;

    private readonly SqliteRegistryDatabase _database;
    private readonly TimeProvider _timeProvider;

    public SqliteRunStore(SqliteRegistryDatabase database, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _timeProvider = timeProvider;
    }

    public Task<RunClaim> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken)
    {
        ValidateStartRequest(request);
        var now = _timeProvider.GetUtcNow();
        var runId = request.RunId ?? Guid.CreateVersion7(now).ToString("N");
        ValidateRunId(runId);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var existing = await FindRunOfKeyAsync(connection, transaction, request, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    return new RunClaim(existing, Created: false);
                }

                var created = await InsertRunAsync(connection, transaction, request, runId, now, cancellationToken).ConfigureAwait(false);
                return new RunClaim(created, Created: true);
            },
            cancellationToken);
    }

    public Task<RunRecord> ResumeRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var run = await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                switch (run.Status)
                {
                    case RunStatus.Running:
                        return run;
                    case RunStatus.Succeeded:
                        throw new RunStateException(runId, run.Status, "a succeeded run is final and cannot be resumed.");
                    default:
                        await connection.ExecuteAsync(new CommandDefinition(
                            "UPDATE runs SET status = 'Running', attempt = attempt + 1, finished_at = NULL, failure_reason = NULL WHERE run_id = @RunId AND status = 'Failed';",
                            new { RunId = runId },
                            transaction,
                            cancellationToken: cancellationToken)).ConfigureAwait(false);
                        return await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken);
    }

    public Task SaveRowAccountingAsync(string runId, string rowAccountingJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rowAccountingJson);
        RegistryJson.ThrowIfInvalid(rowAccountingJson, nameof(rowAccountingJson));
        return UpdateRunningRunAsync(runId, "UPDATE runs SET row_accounting_json = @Value WHERE run_id = @RunId;", rowAccountingJson, "save row accounting", cancellationToken);
    }

    public Task SaveMetricsAsync(string runId, string metricsJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metricsJson);
        RegistryJson.ThrowIfInvalid(metricsJson, nameof(metricsJson));
        return UpdateRunningRunAsync(runId, "UPDATE runs SET metrics_json = @Value WHERE run_id = @RunId;", metricsJson, "save metrics", cancellationToken);
    }

    public Task<RunRecord> CompleteRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var run = await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                RequireRunning(run, "complete");
                var unfinished = run.Stages.Where(s => s.Status != StageStatus.Succeeded).Select(s => $"{s.Stage} ({s.Status})").ToArray();
                if (unfinished.Length > 0)
                {
                    throw new RunStateException(runId, run.Status, $"cannot complete while stages have not succeeded: {string.Join(", ", unfinished)}.");
                }

                await DropLeaseAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE runs SET status = 'Succeeded', finished_at = @Now WHERE run_id = @RunId;",
                    new { RunId = runId, Now = SqliteText.FormatTime(_timeProvider.GetUtcNow()) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<RunRecord> FailRunAsync(string runId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var run = await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                RequireRunning(run, "fail");
                var now = _timeProvider.GetUtcNow();
                foreach (var stage in run.Stages.Where(s => s.Status == StageStatus.Running))
                {
                    await FinishStageAsync(connection, transaction, runId, stage, StageStatus.Failed, null, reason, now, cancellationToken).ConfigureAwait(false);
                }

                await DropLeaseAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE runs SET status = 'Failed', finished_at = @Now, failure_reason = @Reason WHERE run_id = @RunId;",
                    new { RunId = runId, Now = SqliteText.FormatTime(now), Reason = reason },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return _database.ReadAsync(
            async (connection, transaction) =>
            {
                var row = await LoadRunRowAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                if (row is null)
                {
                    return null;
                }

                var stages = await LoadStagesAsync(connection, transaction, [runId], cancellationToken).ConfigureAwait(false);
                return (RunRecord?)row.ToRecord(stages);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxListLimit);
        return _database.ReadAsync<IReadOnlyList<RunRecord>>(
            async (connection, transaction) =>
            {
                var rows = (await connection.QueryAsync<Rows.RunRow>(new CommandDefinition(
                    $"""
                    SELECT {Rows.RunRow.Columns} FROM runs
                    WHERE (@Pipeline IS NULL OR pipeline = @Pipeline) AND (@Status IS NULL OR status = @Status)
                    ORDER BY started_at DESC, run_id DESC
                    LIMIT @Limit;
                    """,
                    new { query.Pipeline, Status = query.Status?.ToString(), query.Limit },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false)).ToArray();
                var stages = await LoadStagesAsync(connection, transaction, rows.Select(r => r.RunId).ToArray(), cancellationToken).ConfigureAwait(false);
                var stagesByRun = stages.ToLookup(s => s.RunId, StringComparer.Ordinal);
                return rows.Select(r => r.ToRecord(stagesByRun[r.RunId])).ToArray();
            },
            cancellationToken);
    }

    private static void ValidateStartRequest(StartRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Pipeline);
        Sha256Hex.ThrowIfInvalid(request.ConfigHash, nameof(request));
        if (request.WindowFirst > request.WindowLast)
        {
            throw new ArgumentException($"Window {request.WindowFirst:O}..{request.WindowLast:O} ends before it starts.", nameof(request));
        }
    }

    private static Task<RunRecord?> FindRunOfKeyAsync(
        SqliteConnection connection, SqliteTransaction transaction, StartRunRequest request, CancellationToken cancellationToken) =>
        FindLatestOfKeyAsync(connection, transaction, request.Pipeline, request.Partition, request.ConfigHash, cancellationToken);

    /// <summary>The newest generation of the key (migration 0004: the claim key includes the generation).</summary>
    private static async Task<RunRecord?> FindLatestOfKeyAsync(
        SqliteConnection connection, SqliteTransaction transaction, string pipeline, DateOnly partition, string configHash, CancellationToken cancellationToken)
    {
        var existing = await connection.QueryFirstOrDefaultAsync<Rows.RunRow>(new CommandDefinition(
            $"SELECT {Rows.RunRow.Columns} FROM runs WHERE pipeline = @Pipeline AND partition_day = @Partition AND config_hash = @ConfigHash ORDER BY Generation DESC LIMIT 1;",
            new { Pipeline = pipeline, Partition = SqliteText.FormatDay(partition), ConfigHash = configHash },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        var stages = await LoadStagesAsync(connection, transaction, [existing.RunId], cancellationToken).ConfigureAwait(false);
        return existing.ToRecord(stages);
    }

    private static async Task<RunRecord> InsertRunAsync(
        SqliteConnection connection, SqliteTransaction transaction, StartRunRequest request, string runId, DateTimeOffset now, CancellationToken cancellationToken,
        RunRecord? superseded = null)
    {
        if (await LoadRunRowAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ArgumentException($"Run id '{runId}' is already used by another run.", nameof(request));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO runs (run_id, pipeline, partition_day, window_first, window_last, config_hash, status, attempt, started_at)
            VALUES (@RunId, @Pipeline, @Partition, @WindowFirst, @WindowLast, @ConfigHash, 'Running', 1, @StartedAt);
            """,
            new
            {
                RunId = runId,
                request.Pipeline,
                Partition = SqliteText.FormatDay(request.Partition),
                WindowFirst = SqliteText.FormatDay(request.WindowFirst),
                WindowLast = SqliteText.FormatDay(request.WindowLast),
                request.ConfigHash,
                StartedAt = SqliteText.FormatTime(now),
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO run_generations (run_id, pipeline, partition_day, config_hash, generation, supersedes_run_id)
            VALUES (@RunId, @Pipeline, @Partition, @ConfigHash, @Generation, @SupersedesRunId);
            """,
            new
            {
                RunId = runId,
                request.Pipeline,
                Partition = SqliteText.FormatDay(request.Partition),
                request.ConfigHash,
                Generation = superseded is null ? 0 : superseded.Generation + 1,
                SupersedesRunId = superseded?.RunId,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateRunId(string runId)
    {
        var valid = runId.Length is > 0 and <= MaxRunIdLength && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        if (!valid)
        {
            throw new ArgumentException($"Run id '{runId}' must be 1-{MaxRunIdLength} ASCII letters, digits, '-' or '_'.", nameof(runId));
        }
    }

    private static void RequireRunning(RunRecord run, string operation)
    {
        if (run.Status != RunStatus.Running)
        {
            throw new RunStateException(run.RunId, run.Status, $"cannot {operation}: the run is not Running.");
        }
    }

    private Task UpdateRunningRunAsync(string runId, string sql, string value, string operation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var run = await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                RequireRunning(run, operation);
                return await connection.ExecuteAsync(new CommandDefinition(
                    sql, new { RunId = runId, Value = value }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken);
    }
}
