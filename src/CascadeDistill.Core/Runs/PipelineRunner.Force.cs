using CascadeDistill.Registry;

namespace CascadeDistill.Runs;

/// <summary>Forced reruns: a new run (next generation) of a partition that already succeeded, publishing a new version.</summary>
public sealed partial class PipelineRunner
{
    /// <summary>
    /// Rerun even when the partition already succeeded with this configuration: the newest run of the key is
    /// superseded by a new run that publishes a new version; the older run and version stay intact. When that
    /// run is not Succeeded (running, failed, or already superseded by a duplicate forced trigger), the claim
    /// acts on it as usual, so duplicate forced triggers give one run. Ignored when <see cref="Supersedes"/> is set.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>
    /// A forced rerun resolved earlier (by the server, when the request was accepted): supersede this run when it
    /// is still the newest Succeeded run of the key. Duplicate requests resolved against the same state name the
    /// same run, so they collapse into one new run even when their jobs execute one after the other.
    /// </summary>
    public string? Supersedes { get; init; }

    /// <summary>The run a forced rerun supersedes: <see cref="Supersedes"/>, or with <see cref="Force"/> the key's newest run when it succeeded.</summary>
    private async Task<string?> ResolveSupersedesAsync(string pipeline, DateOnly partition, string configHash, CancellationToken cancellationToken)
    {
        if (Supersedes is not null || !Force)
        {
            return Supersedes;
        }
        RunRecord? latest = await services.Runs.FindLatestRunAsync(pipeline, partition, configHash, cancellationToken).ConfigureAwait(false);
        return latest is { Status: RunStatus.Succeeded } ? latest.RunId : null;
    }
}
