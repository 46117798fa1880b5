using System.ComponentModel.DataAnnotations;

namespace CascadeDistill.Hangfire.Jobs;

/// <summary>
/// How a <c>serve</c> host shares distillation work (configuration section <c>Serve:Queues</c>). With
/// <see cref="SplitStages"/> off (the default) one Hangfire server of <c>Serve:WorkerCount</c> workers takes
/// every queue and a job runs a whole run. With it on, a run's ReadLogs + BuildDataset half runs on the
/// <see cref="DistillationQueues.Dataset"/> queue and hands over (through the stage checkpoint) to a job on the
/// <see cref="DistillationQueues.Training"/> queue; this host runs <see cref="DatasetWorkers"/> and
/// <see cref="TrainingWorkers"/> workers on them (0: this host does not take that queue), so hosts sharing the
/// storage split the work, e.g. CPU hosts building datasets and a GPU host training.
/// </summary>
public sealed class DistillationQueueOptions
{
    public const string Section = "Serve:Queues";

    /// <summary>Run dataset building and training as separate jobs on separate queues. Default false.</summary>
    public bool SplitStages { get; set; }

    /// <summary>Workers on the dataset queue (and Hangfire's default queue) when <see cref="SplitStages"/>. Default 1.</summary>
    [Range(0, 64)]
    public int DatasetWorkers { get; set; } = 1;

    /// <summary>Workers on the training queue when <see cref="SplitStages"/>. Default 1 (training uses every core it is given).</summary>
    [Range(0, 64)]
    public int TrainingWorkers { get; set; } = 1;
}
