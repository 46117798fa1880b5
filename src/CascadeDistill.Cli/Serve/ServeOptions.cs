using System.ComponentModel.DataAnnotations;

namespace CascadeDistill.Cli.Serve;

/// <summary>
/// Settings of <c>cascade-distill serve</c>, section <c>Serve</c> of appsettings.json, overridden by
/// environment variables (<c>Serve__WorkerCount=2</c>) and by the command line (<c>--work-dir</c>,
/// <c>--pipelines</c>). Validated at start; every error is listed. Cron schedules are in <c>Serve:Schedule</c>.
/// </summary>
public sealed class ServeOptions
{
    public const string Section = "Serve";

    /// <summary>Folder holding logs, datasets, models and the SQLite registry (set by <c>--work-dir</c>).</summary>
    [Required]
    public string WorkDirectory { get; set; } = string.Empty;

    /// <summary>Folder of pipeline definitions, each a recurring job (set by <c>--pipelines</c>).</summary>
    [Required]
    public string PipelinesDirectory { get; set; } = string.Empty;

    /// <summary>Hangfire workers, i.e. runs executed at once in this process. Default 1 (training uses every core).</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 1;

    /// <summary>How long the host waits for running work at shutdown. Default 30 s; must exceed <see cref="HangfireShutdownTimeout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long Hangfire waits for its jobs to observe cancellation at shutdown. Default 15 s (Hangfire's own default).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan HangfireShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Run lease: a run whose worker has not renewed it for this long can be taken over by another trigger. Default 30 min.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often Hangfire moves due scheduled jobs (e.g. a resume waiting for a dead worker's lease to expire) to the queue. Default 15 s (Hangfire's own default).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Dashboard without buttons that change jobs (trigger, requeue, delete). Default true.</summary>
    public bool DashboardReadOnly { get; set; } = true;
}
