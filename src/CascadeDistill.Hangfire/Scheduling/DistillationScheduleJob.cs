using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Logging;
using CascadeDistill.Logs;
using global::Hangfire;
using Microsoft.Extensions.Logging;

namespace CascadeDistill.Hangfire.Scheduling;

/// <summary>
/// What a pipeline's recurring job runs: picks the partition with <see cref="ScheduledPartition"/> (the
/// injected clock and the log store, never Hangfire's trigger time) and enqueues a
/// <see cref="DistillationJob"/> for that explicit day. Requeueing that job later reruns the same day.
/// </summary>
public sealed class DistillationScheduleJob(ILogStore logs, TimeProvider time, IBackgroundJobClient jobs, ILogger<DistillationScheduleJob> logger)
{
    /// <summary>Enqueues the run of <paramref name="pipeline"/> for the newest complete day; returns its job id, or null when there is no such day.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnlyOn = [typeof(IOException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Schedule {0}")]
    public string? EnqueueNewest(string pipeline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        DateTimeOffset now = time.GetUtcNow();
        DateOnly? day = ScheduledPartition.NewestComplete(logs.ListDays(), now);
        if (day is null)
        {
            DistillationLog.NoPartition(logger, pipeline, DistillationJob.Format(ScheduledPartition.Watermark(now)));
            return null;
        }

        string partition = DistillationJob.Format(day.Value);
        string jobId = jobs.Enqueue<DistillationJob>(job => job.RunAsync(pipeline, partition, CancellationToken.None));
        DistillationLog.PartitionEnqueued(logger, pipeline, partition, jobId);
        return jobId;
    }
}
