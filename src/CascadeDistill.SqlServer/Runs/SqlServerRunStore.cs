using CascadeDistill.IO;
using CascadeDistill.Registry;
using Dapper;
using Microsoft.Data.SqlClient;
using static CascadeDistill.SqlServer.SqlServerTables;

namespace CascadeDistill.SqlServer.Runs;

/// <summary>
/// <see cref="IRunStore"/> over SQL Server, with the SQLite store's semantics. Every write reads the run's
/// row <c>WITH (UPDLOCK, HOLDLOCK)</c> first, so operations on one run (and claims of one key, whose range
/// lock covers a key not inserted yet) are serialised; locks are always taken runs → run_leases → run_stages.
/// </summary>
public sealed partial class SqlServerRunStore : IRunStore
{
    private const int MaxRunIdLength = 64;
    private const int MaxListLimit = 10_000;

    private readonly SqlServerRegistryDatabase _database;
    private readonly TimeProvider _timeProvider;

    public SqlServerRunStore(SqlServerRegistryDatabase database, TimeProvider timeProvider)
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
                            $"UPDATE {RunsTable} SET status = N'Running', attempt = attempt + 1, finished_at = NULL, failure_reason = NULL WHERE run_id = @RunId AND status = N'Failed';",
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
        return UpdateRunningRunAsync(runId, $"UPDATE {RunsTable} SET row_accounting_json = @Value WHERE run_id = @RunId;", rowAccountingJson, "save row accounting", cancellationToken);
    }

    public Task SaveMetricsAsync(string runId, string metricsJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metricsJson);
        RegistryJson.ThrowIfInvalid(metricsJson, nameof(metricsJson));
        return UpdateRunningRunAsync(runId, $"UPDATE {RunsTable} SET metrics_json = @Value WHERE run_id = @RunId;", metricsJson, "save metrics", cancellationToken);
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
                    $"UPDATE {RunsTable} SET status = N'Succeeded', finished_at = @Now WHERE run_id = @RunId;",
                    new { RunId = runId, Now = SqlServerValues.Time(_timeProvider.GetUtcNow()) },
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
                await DropLeaseAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                foreach (var stage in run.Stages.Where(s => s.Status == StageStatus.Running))
                {
                    await FinishStageAsync(connection, transaction, runId, stage, StageStatus.Failed, null, reason, now, cancellationToken).ConfigureAwait(false);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {RunsTable} SET status = N'Failed', finished_at = @Now, failure_reason = @Reason WHERE run_id = @RunId;",
                    new { RunId = runId, Now = SqlServerValues.Time(now), Reason = reason },
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
                var row = await LoadRunRowAsync(connection, transaction, runId, forUpdate: false, cancellationToken).ConfigureAwait(false);
                if (row is null)
                {
                    return null;
                }

                var stages = await LoadStagesAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                return (RunRecord?)row.ToRecord(stages);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxListLimit);
        // The stages are selected by the same filter (not an IN list of ids: SQL Server takes at most 2,100 parameters).
        const string Newest =
            $"""
            SELECT TOP (@Limit) run_id FROM {RunsTable}
            WHERE (@Pipeline IS NULL OR pipeline = @Pipeline) AND (@Status IS NULL OR status = @Status)
            ORDER BY started_at DESC, run_id DESC
            """;
        return _database.ReadAsync<IReadOnlyList<RunRecord>>(
            async (connection, transaction) =>
            {
                var parameters = new { query.Pipeline, Status = query.Status?.ToString(), query.Limit };
                var rows = (await connection.QueryAsync<Rows.RunRow>(new CommandDefinition(
                    $"""
                    SELECT {Rows.RunRow.Columns} FROM {RunsTable}
                    WHERE run_id IN ({Newest})
                    ORDER BY started_at DESC, run_id DESC;
                    """,
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false)).ToArray();
                var ids = rows.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
                var stages = await connection.QueryAsync<Rows.StageRow>(new CommandDefinition(
                    $"SELECT {Rows.StageRow.Columns} FROM {StagesTable} WHERE run_id IN ({Newest});",
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var stagesByRun = stages.Where(s => ids.Contains(s.RunId)).ToLookup(s => s.RunId, StringComparer.Ordinal);
                return rows.Select(r => r.ToRecord(stagesByRun[r.RunId])).ToArray();
            },
            cancellationToken);
    }

    private static void ValidateStartRequest(StartRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Pipeline);
        if (request.Pipeline.Length > MaxPipelineLength)
        {
            throw new ArgumentException($"Pipeline name is {request.Pipeline.Length} characters; the run table holds at most {MaxPipelineLength}.", nameof(request));
        }

        Sha256Hex.ThrowIfInvalid(request.ConfigHash, nameof(request));
        if (request.WindowFirst > request.WindowLast)
        {
            throw new ArgumentException($"Window {request.WindowFirst:O}..{request.WindowLast:O} ends before it starts.", nameof(request));
        }
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

    private static async Task<RunRecord> InsertRunAsync(
        SqlConnection connection, SqlTransaction transaction, StartRunRequest request, string runId, DateTimeOffset now, CancellationToken cancellationToken,
        RunRecord? superseded = null)
    {
        if (await LoadRunRowAsync(connection, transaction, runId, forUpdate: true, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ArgumentException($"Run id '{runId}' is already used by another run.", nameof(request));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {RunsTable} (run_id, pipeline, partition_day, window_first, window_last, config_hash, status, attempt, started_at, generation, supersedes_run_id)
            VALUES (@RunId, @Pipeline, CAST(@Partition AS date), CAST(@WindowFirst AS date), CAST(@WindowLast AS date), @ConfigHash, N'Running', 1, @StartedAt, @Generation, @SupersedesRunId);
            """,
            new
            {
                RunId = runId,
                request.Pipeline,
                Partition = SqlServerValues.Day(request.Partition),
                WindowFirst = SqlServerValues.Day(request.WindowFirst),
                WindowLast = SqlServerValues.Day(request.WindowLast),
                request.ConfigHash,
                StartedAt = SqlServerValues.Time(now),
                Generation = superseded is null ? 0 : superseded.Generation + 1,
                SupersedesRunId = superseded?.RunId,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await LoadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
    }
}
