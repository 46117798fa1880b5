using CascadeDistill.Registry;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>What the Models page shows: every version, and which runs forced reruns superseded (run id → the run that superseded it).</summary>
public sealed record ModelsPageModel(IReadOnlyList<ModelVersion> Versions, IReadOnlyDictionary<string, string> SupersededBy)
{
    /// <summary>How many runs are read to find the supersession lineage.</summary>
    public const int LineageRuns = 10_000;

    public static async Task<ModelsPageModel> LoadAsync(IModelRegistry registry, IRunStore runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(runs);
        IReadOnlyList<ModelVersion> versions = await registry.ListVersionsAsync(modelName: null, includeNonReady: true, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<RunRecord> recent = await runs.ListRunsAsync(new RunQuery(Limit: LineageRuns), cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> supersededBy = recent
            .Where(r => r.SupersedesRunId is not null)
            .ToDictionary(r => r.SupersedesRunId!, r => r.RunId, StringComparer.Ordinal);
        return new ModelsPageModel(versions, supersededBy);
    }
}
