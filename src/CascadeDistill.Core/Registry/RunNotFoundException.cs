namespace CascadeDistill.Registry;

/// <summary>No run has the given id.</summary>
public sealed class RunNotFoundException(string runId)
    : Exception($"Run '{runId}' does not exist.")
{
    public string RunId { get; } = runId;
}
