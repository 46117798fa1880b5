using CascadeDistill.Hangfire.Logging;
using CascadeDistill.Pipelines;
using global::Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Hangfire.Scheduling;

/// <summary>
/// Makes every pipeline in the pipelines folder a recurring Hangfire job <c>distil:NAME</c> (cron from
/// <see cref="DistillationScheduleOptions"/>, UTC) that runs <see cref="DistillationScheduleJob.CatchUpAsync(string, CancellationToken)"/>.
/// Called at host start; Hangfire.InMemory forgets recurring jobs on restart, so they are registered every time.
/// </summary>
public sealed class RecurringDistillationRegistrar(
    PipelineCatalogue catalogue, IRecurringJobManager recurringJobs, IOptions<DistillationScheduleOptions> options, ILogger<RecurringDistillationRegistrar> logger)
{
    public const string IdPrefix = "distil:";

    public static string RecurringJobId(string pipeline) => IdPrefix + pipeline;

    /// <summary>Registers (or updates) one recurring job per pipeline; returns their ids.</summary>
    public IReadOnlyList<string> RegisterAll()
    {
        var ids = new List<string>();
        foreach (string pipeline in catalogue.Names())
        {
            string id = RecurringJobId(pipeline);
            string cron = options.Value.CronOf(pipeline);
            recurringJobs.AddOrUpdate<DistillationScheduleJob>(
                id, job => job.CatchUpAsync(pipeline, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            DistillationLog.RecurringRegistered(logger, id, pipeline, cron);
            ids.Add(id);
        }
        return ids;
    }
}
