using CascadeDistill.Training;

namespace CascadeDistill.Cli.Tests.Support;

/// <summary>Counts the calls to <see cref="Train"/> (how often a run really trained), else delegates.</summary>
public sealed class CountingTrainer(IStudentTrainer inner) : IStudentTrainer
{
    public int Calls { get; private set; }

    public string ResolveDevice(string requested) => inner.ResolveDevice(requested);

    public ITrainedStudent Train(TrainStudentRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        Calls++;
        return inner.Train(request, progress, cancellationToken);
    }
}
