using System.Globalization;
using CascadeDistill.Registry;
using CascadeDistill.Training;

namespace CascadeDistill.Runs;

/// <summary>
/// Live progress: every report goes to the observer; the run's progress row (<see cref="IRunProgressStore"/>,
/// read by the dashboard) is written when a stage starts and then at most every <see cref="ProgressInterval"/>.
/// A failed progress write is reported as a warning and never fails the run.
/// </summary>
public sealed partial class PipelineRunner
{
    /// <summary>The least time between two stored progress reports of a stage.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    private DateTimeOffset _lastProgressWrite = DateTimeOffset.MinValue;

    private void Progress(RunRecord run, RunStage stage, double? fraction, string message)
    {
        observer.StageProgress(stage, fraction, message);
        StoreProgress(run, new RunProgress(stage, Clamp(fraction), null, null, null, null, message, services.Time.GetUtcNow()), force: false);
    }

    private void TrainingProgressed(RunRecord run, TrainingProgress p)
    {
        double fraction = ((p.Epoch - 1) + ((double)p.ExamplesSeen / Math.Max(1, p.ExamplesPerEpoch))) / p.Epochs;
        string message = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs}, {p.ExamplesSeen:N0}/{p.ExamplesPerEpoch:N0} examples, loss {p.RecentLoss:F4}");
        observer.StageProgress(RunStage.TrainStudent, fraction, message);
        StoreProgress(run, new RunProgress(RunStage.TrainStudent, Clamp(fraction), p.ExamplesSeen, p.Epoch, p.Epochs, p.RecentLoss, message, services.Time.GetUtcNow()), force: false);
    }

    private void StageStartedProgress(RunRecord run, RunStage stage) =>
        StoreProgress(run, new RunProgress(stage, 0, null, null, null, null, "started", services.Time.GetUtcNow()), force: true);

    private void StoreProgress(RunRecord run, RunProgress progress, bool force)
    {
        if (services.Progress is not { } store || (!force && progress.UpdatedAt - _lastProgressWrite < ProgressInterval))
        {
            return;
        }
        _lastProgressWrite = progress.UpdatedAt;
        try
        {
            store.SaveProgressAsync(run.RunId, progress, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            observer.Warning($"Could not store the progress of run {run.RunId}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static double? Clamp(double? fraction) => fraction is { } f && double.IsFinite(f) ? Math.Clamp(f, 0, 1) : null;
}
