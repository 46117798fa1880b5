using CascadeDistill.Registry;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>What a run's page shows: the run and, while it is Running, its live progress.</summary>
public sealed record RunDetailPageModel(RunRecord Run, RunProgress? Progress)
{
    /// <summary>The run and its progress, or null when there is no such run.</summary>
    public static async Task<RunDetailPageModel?> LoadAsync(IRunStore runs, IRunProgressStore? progress, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        RunRecord? run = await runs.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }
        RunProgress? live = null;
        if (run.Status == RunStatus.Running && progress is not null)
        {
            (await progress.GetProgressAsync([run.RunId], cancellationToken).ConfigureAwait(false)).TryGetValue(run.RunId, out live);
        }
        return new RunDetailPageModel(run, live);
    }
}
