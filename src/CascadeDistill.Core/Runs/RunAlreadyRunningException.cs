namespace CascadeDistill.Runs;

/// <summary>Thrown by <see cref="PipelineRunner.RunAsync"/> when another worker holds the run; <see cref="PipelineRunner.TryRunAsync"/> returns it as a result instead.</summary>
public sealed class RunAlreadyRunningException(RunAlreadyRunning details) : Exception(details.Message)
{
    public RunAlreadyRunning Details { get; } = details;
}
