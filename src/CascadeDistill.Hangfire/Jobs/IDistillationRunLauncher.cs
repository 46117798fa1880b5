using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Hangfire.Jobs;

/// <summary>Loads a pipeline by name and runs it for a partition; what <see cref="DistillationJob"/> calls.</summary>
public interface IDistillationRunLauncher
{
    /// <param name="partition">The run's day; null: the runner's default (the newest log partition).</param>
    /// <param name="stopAfter">Stop (leaving the run Running, its lease released) once this stage is done; null: run to the end.</param>
    Task<PipelineRunOutcome> RunAsync(string pipeline, DateOnly? partition, RunStage? stopAfter, CancellationToken cancellationToken);
}
