namespace CascadeDistill.Training;

/// <summary>Trains a student. Seeded; observes cancellation within one batch.</summary>
public interface IStudentTrainer
{
    /// <summary>The device the trainer will use, e.g. <c>cpu</c> or <c>cuda</c>.</summary>
    string ResolveDevice(string requested);

    ITrainedStudent Train(TrainStudentRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken);
}
