using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Hangfire.Jobs;

/// <summary>Loads a pipeline by name and runs it for a partition; what <see cref="DistillationJob"/> calls.</summary>
public interface IDistillationRunLauncher
{
    /// <param name="partition">The run's day; null: the runner's default (the newest log partition).</param>
    /// <param name="stopAfter">Stop (leaving the run Running, its lease released) once this stage is done; null: run to the end.</param>
    Task<PipelineRunOutcome> RunAsync(string pipeline, DateOnly? partition, RunStage? stopAfter, CancellationToken cancellationToken);

    /// <summary>
    /// A forced rerun (<see cref="PipelineRunner.Supersedes"/>): supersede <paramref name="supersedesRunId"/> with a new run
    /// when it is still the newest Succeeded run of the partition; otherwise behave as <see cref="RunAsync"/>.
    /// </summary>
    Task<PipelineRunOutcome> RerunAsync(string pipeline, DateOnly partition, string supersedesRunId, RunStage? stopAfter, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not run forced reruns.");
}
