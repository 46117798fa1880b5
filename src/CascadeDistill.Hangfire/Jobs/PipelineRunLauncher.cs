using CascadeDistill.Hangfire.Logging;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using Microsoft.Extensions.Logging;

namespace CascadeDistill.Hangfire.Jobs;

/// <summary>
/// Runs a pipeline from the pipelines folder in process with <see cref="PipelineRunner"/>; progress goes
/// to the log. Every call is its own lease owner (process and a fresh GUID), so two workers of one
/// process never both execute the same run.
/// </summary>
public sealed class PipelineRunLauncher(PipelineCatalogue catalogue, PipelineRunnerServices services, TimeSpan leaseDuration, ILoggerFactory loggerFactory)
    : IDistillationRunLauncher
{
    public Task<PipelineRunOutcome> RunAsync(string pipeline, DateOnly? partition, RunStage? stopAfter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        PipelineDefinition definition = catalogue.Load(pipeline);
        var observer = new LoggingRunObserver(loggerFactory.CreateLogger<LoggingRunObserver>(), pipeline, partition);
        return new PipelineRunner(services, observer, RunLease.ForThisProcess(leaseDuration)) { StopAfter = stopAfter }.TryRunAsync(definition, partition, cancellationToken);
    }

    public Task<PipelineRunOutcome> RerunAsync(string pipeline, DateOnly partition, string supersedesRunId, RunStage? stopAfter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(supersedesRunId);
        PipelineDefinition definition = catalogue.Load(pipeline);
        var observer = new LoggingRunObserver(loggerFactory.CreateLogger<LoggingRunObserver>(), pipeline, partition);
        var runner = new PipelineRunner(services, observer, RunLease.ForThisProcess(leaseDuration)) { StopAfter = stopAfter, Supersedes = supersedesRunId };
        return runner.TryRunAsync(definition, partition, cancellationToken);
    }
}
