using CascadeDistill.Registry;

namespace CascadeDistill.Cli.Tests.Support;

/// <summary>
/// A run store whose <see cref="BeginStageAsync"/> throws once for <paramref name="failAt"/> (the process died
/// right after the stage before it finished), else delegates. Also a checkpoint and progress store, by delegation.
/// </summary>
public sealed class StageFailingRunStore(IRunStore inner, RunStage failAt) : IRunStore
{
    private bool _failed;

    public Task<RunClaim> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken) => inner.StartRunAsync(request, cancellationToken);

    public Task<LeasedRunClaim> ClaimRunAsync(StartRunRequest request, RunLease lease, CancellationToken cancellationToken) =>
        inner.ClaimRunAsync(request, lease, cancellationToken);

    public Task<DateTimeOffset> RenewLeaseAsync(string runId, RunLease lease, CancellationToken cancellationToken) =>
        inner.RenewLeaseAsync(runId, lease, cancellationToken);

    public Task<RunLeaseHolder?> GetLeaseAsync(string runId, CancellationToken cancellationToken) => inner.GetLeaseAsync(runId, cancellationToken);

    public Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken) => inner.ReleaseLeaseAsync(runId, owner, cancellationToken);

    public Task<RunRecord> ResumeRunAsync(string runId, CancellationToken cancellationToken) => inner.ResumeRunAsync(runId, cancellationToken);

    public Task<StageRecord> BeginStageAsync(string runId, RunStage stage, CancellationToken cancellationToken)
    {
        if (stage == failAt && !_failed)
        {
            _failed = true;
            throw new IOException($"injected: the process died before {stage} began");
        }
        return inner.BeginStageAsync(runId, stage, cancellationToken);
    }

    public Task<StageRecord> CompleteStageAsync(string runId, RunStage stage, string? outputJson, CancellationToken cancellationToken) =>
        inner.CompleteStageAsync(runId, stage, outputJson, cancellationToken);

    public Task<StageRecord> FailStageAsync(string runId, RunStage stage, string reason, CancellationToken cancellationToken) =>
        inner.FailStageAsync(runId, stage, reason, cancellationToken);

    public Task SaveRowAccountingAsync(string runId, string rowAccountingJson, CancellationToken cancellationToken) =>
        inner.SaveRowAccountingAsync(runId, rowAccountingJson, cancellationToken);

    public Task SaveMetricsAsync(string runId, string metricsJson, CancellationToken cancellationToken) => inner.SaveMetricsAsync(runId, metricsJson, cancellationToken);

    public Task<RunRecord> CompleteRunAsync(string runId, CancellationToken cancellationToken) => inner.CompleteRunAsync(runId, cancellationToken);

    public Task<RunRecord> FailRunAsync(string runId, string reason, CancellationToken cancellationToken) => inner.FailRunAsync(runId, reason, cancellationToken);

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) => inner.GetRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken) => inner.ListRunsAsync(query, cancellationToken);
}
