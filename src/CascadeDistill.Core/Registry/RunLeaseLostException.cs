namespace CascadeDistill.Registry;

/// <summary>
/// The caller no longer holds the run's lease: it expired and another owner took the run over, or the
/// run is no longer Running. The caller must stop without changing the run.
/// </summary>
public sealed class RunLeaseLostException(string runId, string owner, string reason)
    : Exception($"Run '{runId}': lease of '{owner}' lost: {reason}")
{
    public string RunId { get; } = runId;

    public string Owner { get; } = owner;
}
