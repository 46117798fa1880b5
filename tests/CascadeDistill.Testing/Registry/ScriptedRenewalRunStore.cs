using CascadeDistill.Registry;

namespace CascadeDistill.Testing.Registry;

/// <summary>A run store whose only working operation is <see cref="RenewLeaseAsync"/>, scripted per call (1-based).</summary>
public sealed class ScriptedRenewalRunStore(Func<int, DateTimeOffset> renew) : IRunStore
{
    private int _renewals;

    public int Renewals => Volatile.Read(ref _renewals);

    public Task<DateTimeOffset> RenewLeaseAsync(string runId, RunLease lease, CancellationToken cancellationToken)
    {
        int call = Interlocked.Increment(ref _renewals);
        return Task.FromResult(renew(call));
    }

    public Task<RunClaim> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<LeasedRunClaim> ClaimRunAsync(StartRunRequest request, RunLease lease, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RunRecord> ResumeRunAsync(string runId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StageRecord> BeginStageAsync(string runId, RunStage stage, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StageRecord> CompleteStageAsync(string runId, RunStage stage, string? outputJson, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StageRecord> FailStageAsync(string runId, RunStage stage, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SaveRowAccountingAsync(string runId, string rowAccountingJson, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SaveMetricsAsync(string runId, string metricsJson, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RunRecord> CompleteRunAsync(string runId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RunRecord> FailRunAsync(string runId, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RunLeaseHolder?> GetLeaseAsync(string runId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
}
