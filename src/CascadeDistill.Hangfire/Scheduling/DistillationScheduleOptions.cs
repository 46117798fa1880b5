using System.ComponentModel.DataAnnotations;

namespace CascadeDistill.Hangfire.Scheduling;

/// <summary>When each pipeline's recurring job fires (configuration section <c>Serve:Schedule</c>). Cron is evaluated in UTC.</summary>
public sealed class DistillationScheduleOptions
{
    /// <summary>Daily at 03:00 UTC.</summary>
    public const string DailyCron = "0 3 * * *";

    /// <summary>Cron of every pipeline without its own entry in <see cref="Pipelines"/>.</summary>
    [Required]
    public string DefaultCron { get; set; } = DailyCron;

    /// <summary>
    /// How many days back from the watermark (yesterday, UTC) a trigger looks for partitions without a
    /// succeeded run of the current configuration. Default 14; older gaps are left for a manual run.
    /// </summary>
    [Range(1, 366)]
    public int CatchUpDays { get; set; } = 14;

    /// <summary>Cron by pipeline name, overriding <see cref="DefaultCron"/>.</summary>
    public Dictionary<string, string> Pipelines { get; set; } = new(StringComparer.Ordinal);

    public string CronOf(string pipeline) => Pipelines.TryGetValue(pipeline, out string? cron) ? cron : DefaultCron;
}
