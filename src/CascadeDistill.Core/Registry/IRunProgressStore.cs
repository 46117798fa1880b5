namespace CascadeDistill.Registry;

/// <summary>Live progress of runs, kept beside the run table (<see cref="IRunStore"/>), one row per run (the latest).</summary>
public interface IRunProgressStore
{
    /// <summary>Replaces the run's progress.</summary>
    Task SaveProgressAsync(string runId, RunProgress progress, CancellationToken cancellationToken);

    /// <summary>The latest progress of each of <paramref name="runIds"/> that has any.</summary>
    Task<IReadOnlyDictionary<string, RunProgress>> GetProgressAsync(IReadOnlyList<string> runIds, CancellationToken cancellationToken);
}
