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
/// day. A tick while an earlier tick's jobs still wait enqueues them again; the duplicates exit cleanly on
/// the run claim.
/// </summary>
public sealed class DistillationScheduleJob(
    PipelineCatalogue catalogue,
    ILogStore logs,
    IRunStore runs,
    TimeProvider time,
    IBackgroundJobClient jobs,
    IOptions<DistillationScheduleOptions> options,
    ILogger<DistillationScheduleJob> logger)
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

        var ids = new List<string>();
        foreach (DateOnly day in eligible.Where(d => !done.Contains(d) && !alreadyEnqueued.Contains(d)))
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
