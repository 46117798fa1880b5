using CascadeDistill.Registry;

namespace CascadeDistill.Runs;

/// <summary>Receives a run's progress (a terminal renderer, a log, a dashboard).</summary>
public interface IRunObserver
{
    void StageStarted(RunStage stage);

    /// <summary>Progress within a stage: <paramref name="fraction"/> in [0, 1] when known, else null.</summary>
    void StageProgress(RunStage stage, double? fraction, string message);

    void StageCompleted(RunStage stage, TimeSpan elapsed, string summary);

    void Warning(string message);
}
