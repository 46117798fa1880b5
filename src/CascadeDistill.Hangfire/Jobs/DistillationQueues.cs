namespace CascadeDistill.Hangfire.Jobs;

/// <summary>
/// The Hangfire queues of distillation work. <see cref="DistillationJob.RunAsync"/> (a whole run, or its
/// ReadLogs + BuildDataset half when stages are split) is enqueued on <see cref="Dataset"/>;
/// <see cref="DistillationJob.TrainAsync"/> (TrainStudent through PublishModel) on <see cref="Training"/>;
/// the recurring schedule jobs on Hangfire's <see cref="Default"/> queue.
/// </summary>
public static class DistillationQueues
{
    public const string Dataset = "dataset";
    public const string Training = "training";
    public const string Default = "default";
}
