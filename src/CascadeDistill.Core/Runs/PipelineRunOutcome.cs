using CascadeDistill.Registry;

namespace CascadeDistill.Runs;

/// <summary>
/// What <see cref="PipelineRunner.TryRunAsync"/> did: either a finished (or already finished) run's
/// <see cref="Result"/>, or <see cref="AlreadyRunning"/> when another worker holds the run.
/// </summary>
public sealed record PipelineRunOutcome
{
    private PipelineRunOutcome(PipelineRunResult? result, RunAlreadyRunning? alreadyRunning, string? stoppedRunId = null, RunStage? stoppedAfter = null)
    {
        Result = result;
        AlreadyRunning = alreadyRunning;
        StoppedRunId = stoppedRunId;
        StoppedAfter = stoppedAfter;
    }

    public PipelineRunResult? Result { get; }

    public RunAlreadyRunning? AlreadyRunning { get; }

    /// <summary>The run that stopped at <see cref="PipelineRunner.StopAfter"/> (still Running, lease released), or null.</summary>
    public string? StoppedRunId { get; }

    /// <summary>The last stage done when the run stopped at <see cref="PipelineRunner.StopAfter"/>, or null.</summary>
    public RunStage? StoppedAfter { get; }

    public static PipelineRunOutcome Stopped(string runId, RunStage after) => new(null, null, runId ?? throw new ArgumentNullException(nameof(runId)), after);

    public static PipelineRunOutcome Finished(PipelineRunResult result) => new(result ?? throw new ArgumentNullException(nameof(result)), null);

    public static PipelineRunOutcome Skipped(RunAlreadyRunning alreadyRunning) => new(null, alreadyRunning ?? throw new ArgumentNullException(nameof(alreadyRunning)));
}
