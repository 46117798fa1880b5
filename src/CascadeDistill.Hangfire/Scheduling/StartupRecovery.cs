using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Logging;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using global::Hangfire;
using Microsoft.Extensions.Logging;

namespace CascadeDistill.Hangfire.Scheduling;

/// <summary>
/// What the service does once at start, because Hangfire.InMemory forgot every job of the previous process:
/// <list type="number">
/// <item>Resume interrupted runs of the pipelines folder's current configurations: every Running run (its
/// process died) and every run Failed with <see cref="PipelineRunner.CancelledReason"/> (stopped by a
/// shutdown). A Running run whose lease has expired, and a cancelled run, get a <see cref="DistillationJob"/>
/// for their explicit partition now; a Running run whose lease is still live (the previous process died
/// moments ago) gets one scheduled at the lease's expiry, when the claim can take it over. Runs Failed for
/// any other reason are not resumed here: a deterministic failure would only fail again (catch-up retries
/// them at the next trigger).</item>
/// <item>Catch up (<see cref="DistillationScheduleJob"/>) every pipeline, leaving out the partitions resumed
/// in step 1, so each partition gets one job.</item>
/// </list>
/// </summary>
public sealed class StartupRecovery(
    PipelineCatalogue catalogue,
    IRunStore runs,
    TimeProvider time,
    IBackgroundJobClient jobs,
    DistillationScheduleJob catchUp,
    ILogger<StartupRecovery> logger)
{
    /// <summary>Runs read per pipeline and status: far more than can be interrupted at once.</summary>
    private const int RunsToScan = 10_000;

    /// <summary>Resumes interrupted runs, then catches up; returns the ids of every job it enqueued or scheduled.</summary>
    public async Task<IReadOnlyList<string>> RecoverAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (string pipeline in catalogue.Names())
        {
            IReadOnlySet<DateOnly> resumed = await ResumeInterruptedAsync(pipeline, ids, cancellationToken).ConfigureAwait(false);
            ids.AddRange(await catchUp.CatchUpAsync(pipeline, resumed, cancellationToken).ConfigureAwait(false));
        }
        return ids;
    }

    private async Task<IReadOnlySet<DateOnly>> ResumeInterruptedAsync(string pipeline, List<string> ids, CancellationToken cancellationToken)
    {
        string configHash = PipelineConfigHash.Compute(catalogue.Load(pipeline));
        IReadOnlyList<RunRecord> running = await runs.ListRunsAsync(new RunQuery(pipeline, RunStatus.Running, RunsToScan), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<RunRecord> failed = await runs.ListRunsAsync(new RunQuery(pipeline, RunStatus.Failed, RunsToScan), cancellationToken).ConfigureAwait(false);
        var resumed = new HashSet<DateOnly>();
        foreach (RunRecord run in running.Concat(failed.Where(r => string.Equals(r.FailureReason, PipelineRunner.CancelledReason, StringComparison.Ordinal))))
        {
            string partition = DistillationJob.Format(run.Partition);
            if (!string.Equals(run.ConfigHash, configHash, StringComparison.Ordinal))
            {
                DistillationLog.InterruptedRunOtherConfig(logger, run.RunId, pipeline, partition, run.ConfigHash);
                continue;
            }
            if (!resumed.Add(run.Partition))
            {
                continue;
            }

            RunLeaseHolder? lease = run.Status == RunStatus.Running
                ? await runs.GetLeaseAsync(run.RunId, cancellationToken).ConfigureAwait(false)
                : null;
            DateTimeOffset now = time.GetUtcNow();
            string jobId;
            if (lease is not null && lease.IsLiveAt(now))
            {
                // A moment after the expiry, so the claim sees it expired even with a little clock skew.
                DateTimeOffset enqueueAt = lease.ExpiresAt + TimeSpan.FromSeconds(1);
                jobId = jobs.Schedule<DistillationJob>(job => job.RunAsync(pipeline, partition, CancellationToken.None), enqueueAt);
                DistillationLog.InterruptedRunScheduled(logger, run.RunId, pipeline, partition, lease.Owner, lease.ExpiresAt, jobId);
            }
            else
            {
                jobId = jobs.Enqueue<DistillationJob>(job => job.RunAsync(pipeline, partition, CancellationToken.None));
                DistillationLog.InterruptedRunEnqueued(logger, run.RunId, pipeline, partition, run.Status.ToString(), jobId);
            }
            ids.Add(jobId);
        }
        return resumed;
    }
}
