using CascadeDistill.Torch.Students;
using CascadeDistill.Training;
using TorchSharp;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// Trains two-tower students with TorchSharp: Adam on the weighted distillation loss
/// (<see cref="DistillationLoss"/>), seeded (initial values from a private generator seeded with
/// <c>Training.Seed</c>; row order from <c>System.Random</c> seeded per epoch), so the same data
/// and seed on CPU with the same thread count give identical weights.
/// Sets the process-wide Torch intra-op thread count to <c>Training.Threads</c> (0 = one per core).
/// </summary>
public sealed class TorchStudentTrainer : IStudentTrainer
{
    private readonly TimeProvider _timeProvider;

    public TorchStudentTrainer()
        : this(TimeProvider.System)
    {
    }

    public TorchStudentTrainer(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    /// <exception cref="TorchDeviceUnavailableException"><c>cuda</c> was asked for and is not available.</exception>
    public string ResolveDevice(string requested) => TorchDevices.Resolve(requested);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The request is invalid (every problem is listed).</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; observed before every batch.</exception>
    /// <exception cref="InvalidDataException">A streamed chunk is malformed.</exception>
    public ITrainedStudent Train(TrainStudentRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        TrainStudentRequestValidator.Validate(request);
        cancellationToken.ThrowIfCancellationRequested();
        torch.Device device = torch.device(ResolveDevice(request.Training.Device));
        torch.set_num_threads(request.Training.Threads > 0 ? request.Training.Threads : Environment.ProcessorCount);

        var model = new TwoTowerModule(request.Student, request.Features, request.NumericStatistics, request.Training.Seed, request.Heads?.Heads);
        bool owned = false;
        try
        {
            model.to(device);
            IReadOnlyList<EpochRecord> curve =
                new StudentTrainingLoop(request, model, device, progress, _timeProvider).Run(cancellationToken);
            var student = new TorchTrainedStudent(model, curve, device);
            owned = true;
            return student;
        }
        finally
        {
            if (!owned)
            {
                model.Dispose();
            }
        }
    }
}
