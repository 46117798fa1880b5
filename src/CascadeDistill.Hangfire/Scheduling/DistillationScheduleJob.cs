using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Logging;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using global::Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Hangfire.Scheduling;

/// <summary>
/// What a pipeline's recurring job runs: catch-up. By the injected clock and the log store (never
/// Hangfire's trigger time), it takes every eligible partition (<see cref="ScheduledPartition.Eligible"/>,
/// at most <see cref="DistillationScheduleOptions.CatchUpDays"/> back) that has no Succeeded run for the
/// pipeline's current config hash, and enqueues one <see cref="DistillationJob"/> per day with that explicit
/// day — except the days that already have an enqueued, scheduled or processing distillation job
/// (<paramref name="pending"/>), so a tick while an earlier tick's jobs still wait does not enqueue them again.
/// Should a duplicate slip through (the list is read, then jobs are enqueued), it exits cleanly on the run claim.
/// </summary>
/// <param name="pending">Partitions with a job already waiting or working; null: none are known (every missing day is enqueued).</param>
public sealed class DistillationScheduleJob(
    PipelineCatalogue catalogue,
    ILogStore logs,
    IRunStore runs,
    TimeProvider time,
    IBackgroundJobClient jobs,
    IOptions<DistillationScheduleOptions> options,
    ILogger<DistillationScheduleJob> logger,
    IPendingDistillationJobs? pending = null)
{
    /// <summary>Enqueues a run of <paramref name="pipeline"/> for every partition not yet done; returns the job ids, oldest day first.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnlyOn = [typeof(IOException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Catch up {0}")]
    public Task<IReadOnlyList<string>> CatchUpAsync(string pipeline, CancellationToken cancellationToken) =>
        CatchUpAsync(pipeline, new HashSet<DateOnly>(), cancellationToken);

    /// <summary>As <see cref="CatchUpAsync(string, CancellationToken)"/>, leaving out the days in <paramref name="alreadyEnqueued"/>.</summary>
    public async Task<IReadOnlyList<string>> CatchUpAsync(string pipeline, IReadOnlySet<DateOnly> alreadyEnqueued, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        ArgumentNullException.ThrowIfNull(alreadyEnqueued);
        PipelineDefinition definition = catalogue.Load(pipeline);
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<DateOnly> eligible = ScheduledPartition.Eligible(logs.ListDays(), definition.Logs.WindowDays, options.Value.CatchUpDays, now);
        if (eligible.Count == 0)
        {
            DistillationLog.NoPartition(logger, pipeline, DistillationJob.Format(ScheduledPartition.Watermark(now)), options.Value.CatchUpDays);
            return [];
        }

        string configHash = PipelineConfigHash.Compute(definition);
        IReadOnlyList<RunRecord> succeeded = await runs.ListRunsAsync(
            new RunQuery(pipeline, RunStatus.Succeeded, SucceededRunsToScan), cancellationToken).ConfigureAwait(false);
        var done = succeeded.Where(r => string.Equals(r.ConfigHash, configHash, StringComparison.Ordinal)).Select(r => r.Partition).ToHashSet();

        IReadOnlySet<DateOnly> waiting = pending?.PendingPartitions(pipeline) ?? new HashSet<DateOnly>();
        DateOnly[] skipped = eligible.Where(d => !done.Contains(d) && !alreadyEnqueued.Contains(d) && waiting.Contains(d)).ToArray();
        if (skipped.Length > 0)
        {
            DistillationLog.AlreadyPending(logger, pipeline, skipped.Length, string.Join(", ", skipped.Select(DistillationJob.Format)));
        }

        var ids = new List<string>();
        foreach (DateOnly day in eligible.Where(d => !done.Contains(d) && !alreadyEnqueued.Contains(d) && !waiting.Contains(d)))
        {
            string partition = DistillationJob.Format(day);
            string jobId = jobs.Enqueue<DistillationJob>(job => job.RunAsync(pipeline, partition, CancellationToken.None));
            DistillationLog.PartitionEnqueued(logger, pipeline, partition, jobId);
            ids.Add(jobId);
        }
        DistillationLog.CatchUpDone(logger, pipeline, eligible.Count, done.Count(eligible.Contains), ids.Count);
        return ids;
    }

    /// <summary>Newest succeeded runs read per pipeline: far more than <see cref="DistillationScheduleOptions.CatchUpDays"/> allows.</summary>
    private const int SucceededRunsToScan = 10_000;
}
