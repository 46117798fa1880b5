using CascadeDistill.Registry;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>What the Runs page shows: recent runs and the live progress of those that have any.</summary>
public sealed record RunsPageModel(IReadOnlyList<RunRecord> Runs, IReadOnlyDictionary<string, RunProgress> Progress)
{
    /// <summary>Whether the request may rerun (an admin of a dashboard that is not read-only): the page shows "Rerun" buttons.</summary>
    public bool CanRerun { get; init; }

    /// <summary>Loads the runs, then the progress of the Running ones (none when no progress store is registered).</summary>
    public static async Task<RunsPageModel> LoadAsync(IRunStore runs, IRunProgressStore? progress, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        IReadOnlyList<RunRecord> recent = await runs.ListRunsAsync(new RunQuery(Limit: limit), cancellationToken).ConfigureAwait(false);
        string[] running = recent.Where(r => r.Status == RunStatus.Running).Select(r => r.RunId).ToArray();
        IReadOnlyDictionary<string, RunProgress> live = progress is null || running.Length == 0
            ? new Dictionary<string, RunProgress>(StringComparer.Ordinal)
            : await progress.GetProgressAsync(running, cancellationToken).ConfigureAwait(false);
        return new RunsPageModel(recent, live);
    }
}
