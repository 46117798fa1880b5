namespace CascadeDistill.Registry;

/// <summary>
/// The durable record of runs and their stages. Times come from the store's <see cref="TimeProvider"/>.
/// Mutations of a missing run throw <see cref="RunNotFoundException"/>; invalid transitions throw
/// <see cref="RunStateException"/>.
/// </summary>
public interface IRunStore
{
    /// <summary>
    /// Inserts a Running run under the unique key (pipeline, partition, config hash), or returns the
    /// existing run of that key (its newest generation) with <see cref="RunClaim.Created"/> false. Never creates two.
    /// </summary>
    Task<RunClaim> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the run of (pipeline, partition, config hash) for <paramref name="lease"/>'s owner in one
    /// write transaction: inserts a new Running run (<see cref="RunClaimOutcome.Created"/>); or makes a
    /// Failed run, or a Running run whose lease is missing, expired or already the caller's, Running under
    /// the caller's lease with the attempt incremented (<see cref="RunClaimOutcome.Resumed"/>); or returns
    /// <see cref="RunClaimOutcome.AlreadySucceeded"/> / <see cref="RunClaimOutcome.AlreadyRunning"/>
    /// (another owner's live lease) without changing anything. Two concurrent claims never both acquire.
    /// The claim acts on the key's newest generation; with <see cref="StartRunRequest.SupersedesRunId"/> equal to that
    /// generation's run and that run Succeeded, it inserts the next generation instead (<see cref="RunClaimOutcome.Created"/>).
    /// </summary>
    Task<LeasedRunClaim> ClaimRunAsync(StartRunRequest request, RunLease lease, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the caller's lease on a Running run to now + <see cref="RunLease.Duration"/> and returns the
    /// new expiry. Throws <see cref="RunLeaseLostException"/> when another owner holds the lease or the run is not Running.
    /// </summary>
    Task<DateTimeOffset> RenewLeaseAsync(string runId, RunLease lease, CancellationToken cancellationToken);

    /// <summary>The holder of the run's lease (live or expired), or null when nobody holds it. Throws <see cref="RunNotFoundException"/> for an unknown run.</summary>
    Task<RunLeaseHolder?> GetLeaseAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Drops the lease when <paramref name="owner"/> holds it; otherwise does nothing. Completing or failing a run also drops its lease.</summary>
    Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken);

    /// <summary>Failed → Running with the attempt incremented; the stages that succeeded keep their records. Running runs are returned unchanged. Succeeded runs throw.</summary>
    Task<RunRecord> ResumeRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Marks <paramref name="stage"/> Running (started now). Throws when the run is not Running or the stage already succeeded.</summary>
    Task<StageRecord> BeginStageAsync(string runId, RunStage stage, CancellationToken cancellationToken);

    /// <summary>Running stage → Succeeded, with an optional JSON checkpoint for resuming.</summary>
    Task<StageRecord> CompleteStageAsync(string runId, RunStage stage, string? outputJson, CancellationToken cancellationToken);

    /// <summary>Running stage → Failed with a reason.</summary>
    Task<StageRecord> FailStageAsync(string runId, RunStage stage, string reason, CancellationToken cancellationToken);

    /// <summary>Stores the run's row accounting (JSON text) while it is Running; replaces any earlier value.</summary>
    Task SaveRowAccountingAsync(string runId, string rowAccountingJson, CancellationToken cancellationToken);

    /// <summary>Stores the run's metrics (JSON text) while it is Running; replaces any earlier value.</summary>
    Task SaveMetricsAsync(string runId, string metricsJson, CancellationToken cancellationToken);

    /// <summary>Running → Succeeded (dropping any lease). Throws when a stage is still Running or Failed.</summary>
    Task<RunRecord> CompleteRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Running → Failed with a reason (dropping any lease); a Running stage is marked Failed with the same reason.</summary>
    Task<RunRecord> FailRunAsync(string runId, string reason, CancellationToken cancellationToken);

    /// <summary>The run with its stages, or null.</summary>
    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Runs matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The newest generation of (pipeline, partition, config hash) — the run a claim of that key acts on — or null.
    /// The default scans <see cref="ListRunsAsync"/>; the stores answer with one indexed query.
    /// </summary>
    async Task<RunRecord?> FindLatestRunAsync(string pipeline, DateOnly partition, string configHash, CancellationToken cancellationToken)
    {
        IReadOnlyList<RunRecord> runs = await ListRunsAsync(new RunQuery(pipeline, null, 10_000), cancellationToken).ConfigureAwait(false);
        return runs.Where(r => r.Partition == partition && string.Equals(r.ConfigHash, configHash, StringComparison.Ordinal))
            .OrderByDescending(r => r.Generation)
            .FirstOrDefault();
    }
}
