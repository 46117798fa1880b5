namespace CascadeDistill.Registry;

/// <summary>The outcome of <see cref="IRunStore.ClaimRunAsync"/>.</summary>
/// <param name="Run">The run of the key, as it is after the claim.</param>
/// <param name="LeaseOwner">The lease's owner after the claim (the caller, or the other owner when <see cref="RunClaimOutcome.AlreadyRunning"/>); null when no lease is held.</param>
/// <param name="LeaseExpiresAt">When that lease expires unless renewed; null when no lease is held.</param>
public sealed record LeasedRunClaim(RunRecord Run, RunClaimOutcome Outcome, string? LeaseOwner, DateTimeOffset? LeaseExpiresAt)
{
    /// <summary>True when the caller now holds the run's lease and should execute it.</summary>
    public bool Acquired => Outcome is RunClaimOutcome.Created or RunClaimOutcome.Resumed;
}
