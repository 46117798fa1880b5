namespace CascadeDistill.Hangfire.Scheduling;

/// <summary>The partitions of a pipeline that already have a distillation job waiting or working, so catch-up does not enqueue them again.</summary>
public interface IPendingDistillationJobs
{
    /// <summary>The explicit partitions of <paramref name="pipeline"/>'s enqueued, scheduled and processing distillation jobs.</summary>
    IReadOnlySet<DateOnly> PendingPartitions(string pipeline);
}
