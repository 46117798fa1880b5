namespace CascadeDistill.Runs;

/// <summary>
/// What <see cref="PipelineRunner.TryRunAsync"/> did: either a finished (or already finished) run's
/// <see cref="Result"/>, or <see cref="AlreadyRunning"/> when another worker holds the run.
/// </summary>
public sealed record PipelineRunOutcome
{
    private PipelineRunOutcome(PipelineRunResult? result, RunAlreadyRunning? alreadyRunning)
    {
        Result = result;
        AlreadyRunning = alreadyRunning;
    }

    public PipelineRunResult? Result { get; }

    public RunAlreadyRunning? AlreadyRunning { get; }

    public static PipelineRunOutcome Finished(PipelineRunResult result) => new(result ?? throw new ArgumentNullException(nameof(result)), null);

    public static PipelineRunOutcome Skipped(RunAlreadyRunning alreadyRunning) => new(null, alreadyRunning ?? throw new ArgumentNullException(nameof(alreadyRunning)));
}
