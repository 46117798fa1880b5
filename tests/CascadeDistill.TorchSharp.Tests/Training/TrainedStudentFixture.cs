using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>One small student trained once and shared by the encoding tests.</summary>
public sealed class TrainedStudentFixture : IDisposable
{
    public TrainedStudentFixture()
    {
        var request = SyntheticDistillationProblem.Request(
            SyntheticDistillationProblem.Training(epochs: 1), SyntheticDistillationProblem.Chunks(count: 2, rows: 400, seed: 21));
        Student = new TorchStudentTrainer().Train(request, null, CancellationToken.None);
    }

    public ITrainedStudent Student { get; }

    public void Dispose() => Student.Dispose();
}
