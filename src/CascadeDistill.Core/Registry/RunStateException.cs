namespace CascadeDistill.Registry;

/// <summary>An operation that the run's (or stage's) current state does not allow. Deterministic: retrying does not help.</summary>
public sealed class RunStateException(string runId, RunStatus status, string message)
    : Exception($"Run '{runId}' ({status}): {message}")
{
    public string RunId { get; } = runId;

    public RunStatus Status { get; } = status;
}
