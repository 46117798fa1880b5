using CascadeDistill.Registry;
using CascadeDistill.Storage.Sqlite.Rows;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CascadeDistill.Storage.Sqlite;

/// <summary>
/// Owner leases on Running runs (table <c>run_leases</c>, migration 0002). Every decision reads and writes
/// inside one <c>BEGIN IMMEDIATE</c> transaction, which serialises writers, so two claims of one key never
/// both acquire.
/// </summary>
public sealed partial class SqliteRunStore
{
    public Task<LeasedRunClaim> ClaimRunAsync(StartRunRequest request, RunLease lease, CancellationToken cancellationToken)
    {
        ValidateStartRequest(request);
        ArgumentNullException.ThrowIfNull(lease);
        lease.Validate();
        var now = _timeProvider.GetUtcNow();
        var runId = request.RunId ?? Guid.CreateVersion7(now).ToString("N");
        ValidateRunId(runId);
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var existing = await FindRunOfKeyAsync(connection, transaction, request, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    var created = await InsertRunAsync(connection, transaction, request, runId, now, cancellationToken).ConfigureAwait(false);
                    var expires = await WriteLeaseAsync(connection, transaction, created.RunId, lease, now, cancellationToken).ConfigureAwait(false);
                    return new LeasedRunClaim(created, RunClaimOutcome.Created, lease.Owner, expires);
                }

                if (existing.Status == RunStatus.Succeeded && string.Equals(existing.RunId, request.SupersedesRunId, StringComparison.Ordinal))
                {
                    // A forced rerun of the newest generation: a new run (and later a new version); the old one stays intact.
                    var rerun = await InsertRunAsync(connection, transaction, request, runId, now, cancellationToken, superseded: existing).ConfigureAwait(false);
                    var rerunExpires = await WriteLeaseAsync(connection, transaction, rerun.RunId, lease, now, cancellationToken).ConfigureAwait(false);
                    return new LeasedRunClaim(rerun, RunClaimOutcome.Created, lease.Owner, rerunExpires);
                }

                if (existing.Status == RunStatus.Succeeded)
                {
                    return new LeasedRunClaim(existing, RunClaimOutcome.AlreadySucceeded, null, null);
                }

                var current = await LoadLeaseAsync(connection, transaction, existing.RunId, cancellationToken).ConfigureAwait(false);
                if (existing.Status == RunStatus.Running && current is not null && current.IsHeldByOtherAt(lease.Owner, now))
                {
                    return new LeasedRunClaim(existing, RunClaimOutcome.AlreadyRunning, current.Owner, current.ExpiresAt);
                }

                // Failed, or Running with no live lease of another owner (its owner died): a new attempt under our lease.
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE runs SET status = 'Running', attempt = attempt + 1, finished_at = NULL, failure_reason = NULL WHERE run_id = @RunId;",
                    new { existing.RunId },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                var leaseExpires = await WriteLeaseAsync(connection, transaction, existing.RunId, lease, now, cancellationToken).ConfigureAwait(false);
                var resumed = await LoadRunAsync(connection, transaction, existing.RunId, cancellationToken).ConfigureAwait(false);
                return new LeasedRunClaim(resumed, RunClaimOutcome.Resumed, lease.Owner, leaseExpires);
            },
            cancellationToken);
    }

    public Task<DateTimeOffset> RenewLeaseAsync(string runId, RunLease lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(lease);
        lease.Validate();
        return _database.WriteAsync(
            async (connection, transaction) =>
            {
                var run = await LoadRunRowAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false)
                    ?? throw new RunNotFoundException(runId);
                if (run.ParsedStatus != RunStatus.Running)
                {
                    throw new RunLeaseLostException(runId, lease.Owner, $"the run is {run.ParsedStatus}, not Running.");
                }

                var current = await LoadLeaseAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                if (current?.Owner is { } holder && !string.Equals(holder, lease.Owner, StringComparison.Ordinal))
                {
                    throw new RunLeaseLostException(runId, lease.Owner, $"'{holder}' holds it now.");
                }

                return await WriteLeaseAsync(connection, transaction, runId, lease, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<RunLeaseHolder?> GetLeaseAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return _database.ReadAsync(
            async (connection, transaction) =>
            {
                _ = await LoadRunRowAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false)
                    ?? throw new RunNotFoundException(runId);
                var row = await LoadLeaseAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
                return row is { Owner: { } owner, ExpiresAt: { } expires } ? new RunLeaseHolder(owner, expires) : null;
            },
            cancellationToken);
    }

    public Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return _database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                "UPDATE run_leases SET owner = NULL, lease_expires_at = NULL, acquired_at = NULL WHERE run_id = @RunId AND owner = @Owner;",
                new { RunId = runId, Owner = owner },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    private static Task<RunLeaseRow?> LoadLeaseAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<RunLeaseRow>(new CommandDefinition(
            $"SELECT {RunLeaseRow.Columns} FROM run_leases WHERE run_id = @RunId;",
            new { RunId = runId },
            transaction,
            cancellationToken: cancellationToken));

    private static async Task<DateTimeOffset> WriteLeaseAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, RunLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expires = now + lease.Duration;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO run_leases (run_id, owner, lease_expires_at, acquired_at) VALUES (@RunId, @Owner, @Expires, @Now)
            ON CONFLICT (run_id) DO UPDATE SET
                owner = excluded.owner,
                lease_expires_at = excluded.lease_expires_at,
                acquired_at = CASE WHEN run_leases.owner = excluded.owner THEN run_leases.acquired_at ELSE excluded.acquired_at END;
            """,
            new { RunId = runId, lease.Owner, Expires = SqliteText.FormatTime(expires), Now = SqliteText.FormatTime(now) },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return expires;
    }

    private static Task<int> DropLeaseAsync(SqliteConnection connection, SqliteTransaction transaction, string runId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE run_leases SET owner = NULL, lease_expires_at = NULL, acquired_at = NULL WHERE run_id = @RunId;",
            new { RunId = runId },
            transaction,
            cancellationToken: cancellationToken));
}
