using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Hangfire.Tests.Support;

/// <summary>A launcher whose behaviour the test scripts: throw an exception, or return an outcome.</summary>
public sealed class ScriptedLauncher(Func<string, DateOnly?, CancellationToken, Task<PipelineRunOutcome>> behaviour) : IDistillationRunLauncher
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The stopAfter argument of the last call.</summary>
    public RunStage? LastStopAfter { get; private set; }

    public Task<PipelineRunOutcome> RunAsync(string pipeline, DateOnly? partition, RunStage? stopAfter, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LastStopAfter = stopAfter;
        return behaviour(pipeline, partition, cancellationToken);
    }

    public static ScriptedLauncher Throwing(Exception exception) => new((_, _, _) => Task.FromException<PipelineRunOutcome>(exception));
}
