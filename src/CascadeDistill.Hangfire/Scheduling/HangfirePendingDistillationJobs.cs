using CascadeDistill.Hangfire.Jobs;
using global::Hangfire;
using global::Hangfire.Common;
using global::Hangfire.Storage;

namespace CascadeDistill.Hangfire.Scheduling;

/// <summary>
/// <see cref="IPendingDistillationJobs"/> read from Hangfire's monitoring API: the <see cref="DistillationJob"/> jobs
/// (whole runs, training halves, forced reruns) enqueued on any queue, scheduled (waiting for a retry) or processing,
/// at most <see cref="MaxJobsPerList"/> of each list (a job still listed in a queue but since moved to another state is not counted). Jobs without an explicit partition ("the newest day") are not counted.
/// This only spares duplicate jobs; the run claim remains what guarantees one run per partition.
/// </summary>
public sealed class HangfirePendingDistillationJobs(JobStorage storage) : IPendingDistillationJobs
{
    /// <summary>Jobs read per queue and per state list.</summary>
    public const int MaxJobsPerList = 1_000;

    public IReadOnlySet<DateOnly> PendingPartitions(string pipeline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        IMonitoringApi monitoring = storage.GetMonitoringApi();
        var jobs = new List<Job?>();
        foreach (var queue in monitoring.Queues())
        {
            jobs.AddRange(monitoring.EnqueuedJobs(queue.Name, 0, MaxJobsPerList).Where(j => j.Value?.InEnqueuedState == true).Select(j => j.Value.Job));
        }
        jobs.AddRange(monitoring.ScheduledJobs(0, MaxJobsPerList).Where(j => j.Value?.InScheduledState == true).Select(j => j.Value.Job));
        jobs.AddRange(monitoring.ProcessingJobs(0, MaxJobsPerList).Where(j => j.Value?.InProcessingState == true).Select(j => j.Value.Job));
        var partitions = new HashSet<DateOnly>();
        foreach (Job? job in jobs)
        {
            if (job is { Type: var type, Args: [string name, string partition, ..] } && type == typeof(DistillationJob)
                && string.Equals(name, pipeline, StringComparison.Ordinal)
                && job.Method.Name is nameof(DistillationJob.RunAsync) or nameof(DistillationJob.TrainAsync) or nameof(DistillationJob.RerunAsync)
                && DateOnly.TryParseExact(partition, DistillationJob.PartitionFormat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateOnly day))
            {
                partitions.Add(day);
            }
        }
        return partitions;
    }
}
