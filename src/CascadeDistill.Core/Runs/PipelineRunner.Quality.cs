using System.Globalization;
using System.Text.Json;
using CascadeDistill.Imports;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Quality;

namespace CascadeDistill.Runs;

/// <summary>
/// Run-time data quality in the ReadLogs stage: the window's files are screened (truncated files and files
/// still being written are quarantined whole, never read), the quarantine rate is held against
/// <c>quality.max_quarantine_rate</c>, and the partition is compared with the previous window (drift gates).
/// The figures are the ReadLogs stage's output in the run record. Later stages read through the screened store.
/// </summary>
public sealed partial class PipelineRunner
{
    private static readonly JsonSerializerOptions s_qualityJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private ILogStore? _screenedLogs;
    private PartitionQualityReport? _quality;
    private IReadOnlyList<ImportAccountingSummary> _imports = [];

    /// <summary>The logs later stages read: the screened store once ReadLogs has run.</summary>
    private ILogStore RunLogs => _screenedLogs ?? services.Logs;

    private IReadOnlyList<LogFileInfo> ReadAndScreenLogs(PipelineDefinition pipeline, RunWindow window, CancellationToken cancellationToken)
    {
        ReadLogs(window);
        var request = new LogReadRequest(pipeline.Logs.Objectives, pipeline.Features, pipeline.Logs.ReadLabels);
        PartitionQualityReport report = PartitionQualityCheck.Check(
            services.Logs, window.Partition, [.. window.TrainDays, .. window.HoldoutDays], request, pipeline.Quality, cancellationToken);
        _quality = report;
        _imports = ImportAccountingSummary.ForDays(services.Layout.Root, [.. window.TrainDays, .. window.HoldoutDays, window.Partition]);
        _screenedLogs = new ScreenedLogStore(services.Logs, report.Screening);
        foreach (LogFileCheck file in report.Screening.Quarantined)
        {
            observer.Warning($"Quarantined {file.File.Path} [{file.ReasonCode}]: {file.Detail}");
        }
        foreach (DriftFigure figure in report.Drift.Warnings)
        {
            observer.Warning(string.Create(CultureInfo.InvariantCulture,
                $"Drift warning: {figure.Name} = {figure.Value:G4} (partition {figure.Current:G6}, baseline {figure.Baseline:G6})"));
        }
        if (report.QuarantineRateExceeded)
        {
            throw new DataQualityException(DataQualityException.QuarantineRateExceeded, report.BlockingReasons[0]);
        }
        if (ImportQuarantineRate.Exceeded(_imports, pipeline.Quality.MaxQuarantineRate) is { } importReason)
        {
            throw new DataQualityException(DataQualityException.QuarantineRateExceeded, importReason);
        }
        if (report.Drift.Blocking.Count > 0)
        {
            throw new DataQualityException(DataQualityException.DriftBlocked,
                "publishing blocked by drift gates: " + string.Join("; ", report.BlockingReasons));
        }
        // The window's days must still have files once the quarantined ones are set aside.
        return ReadLogsFrom(_screenedLogs, window);
    }

    private static IReadOnlyList<LogFileInfo> ReadLogsFrom(ILogStore logs, RunWindow window)
    {
        LogFileInfo[] files = [.. window.TrainDays.Concat(window.HoldoutDays).SelectMany(logs.ListFiles)];
        DateOnly[] empty = [.. window.TrainDays.Concat(window.HoldoutDays).Where(d => !files.Any(f => f.Day == d))];
        if (empty.Length > 0)
        {
            throw new InvalidDataException("Log partitions without complete files (every file quarantined): "
                + string.Join(", ", empty.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }
        return files;
    }

    /// <summary>The ReadLogs stage output stored in the run record: files checked and quarantined with reasons, the rate, the drift figures, the imports' row accounting.</summary>
    private string? QualityJson() => _quality is null ? null : JsonSerializer.Serialize(QualitySummary.Of(_quality) with { Imports = _imports }, s_qualityJson);
}
