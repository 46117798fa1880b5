using System.Globalization;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using Microsoft.Extensions.Logging;

namespace CascadeDistill.Hangfire.Logging;

/// <summary>A run's progress as structured log events carrying the pipeline and partition.</summary>
public sealed class LoggingRunObserver(ILogger<LoggingRunObserver> logger, string pipeline, DateOnly? partition) : IRunObserver
{
    private readonly string _partition = partition?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "newest";

    public void StageStarted(RunStage stage) => DistillationLog.StageStarted(logger, pipeline, _partition, stage.ToString());

    public void StageProgress(RunStage stage, double? fraction, string message) =>
        DistillationLog.StageProgress(
            logger, pipeline, _partition, stage.ToString(),
            fraction is { } f ? string.Create(CultureInfo.InvariantCulture, $"{f:P0} {message}") : message);

    public void StageCompleted(RunStage stage, TimeSpan elapsed, string summary) =>
        DistillationLog.StageCompleted(logger, pipeline, _partition, stage.ToString(), elapsed.TotalSeconds, summary);

    public void Warning(string message) => DistillationLog.RunWarning(logger, pipeline, _partition, message);
}
