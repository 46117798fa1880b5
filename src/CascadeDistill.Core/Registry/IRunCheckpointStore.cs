namespace CascadeDistill.Registry;

/// <summary>
/// Stage checkpoints of runs, kept beside the run table (<see cref="IRunStore"/>): a resumed run reuses a
/// stage whose checkpoint files are all present with their recorded size and SHA-256.
/// </summary>
public interface IRunCheckpointStore
{
    /// <summary>Stores (replacing any earlier one) the checkpoint of <see cref="RunCheckpoint.Stage"/> while the run is Running.</summary>
    Task SaveCheckpointAsync(string runId, RunCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>The run's checkpoints in stage order (empty when it has none).</summary>
    Task<IReadOnlyList<RunCheckpoint>> ListCheckpointsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Drops the checkpoint of <paramref name="stage"/>, if any (it failed verification and is being redone).</summary>
    Task DeleteCheckpointAsync(string runId, RunStage stage, CancellationToken cancellationToken);
}
