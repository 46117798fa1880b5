using CascadeDistill.Datasets;
using CascadeDistill.Pipelines;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>
/// <c>training.distillation_loss</c> end to end on tiny data: one batch per epoch, so the first epoch's loss is
/// the chosen loss on the seeded initial student, and identities that hold for one loss only show which one ran.
/// </summary>
public sealed class PointwiseDistillationLossTrainingTests
{
    private const int Rows = 48;
    private readonly TorchStudentTrainer _trainer = new();

    [Fact]
    public void Train_SoftTargetWithTSquared_IsTSquaredTimesTheUnscaledLoss()
    {
        DatasetChunk chunk = SyntheticDistillationProblem.Chunks(1, Rows, seed: 1)[0];

        double scaled = FirstLoss(chunk, new DistillationLossDefinition("soft_target", 2.0, true), lambda: 1.0);
        double unscaled = FirstLoss(chunk, new DistillationLossDefinition("soft_target", 2.0, false), lambda: 1.0);

        Assert.Equal(4.0, scaled / unscaled, 4);
    }

    [Fact]
    public void Train_SoftTargetAtTemperatureOne_EqualsBceOnTheSoftLabelItSoftens()
    {
        // The chunk's teacher logit is logit(soft label): at T = 1 both losses compare the student with the same probability.
        DatasetChunk chunk = SyntheticDistillationProblem.Chunks(1, Rows, seed: 2)[0];

        double softTarget = FirstLoss(chunk, new DistillationLossDefinition("soft_target", 1.0, false), lambda: 1.0);
        double softTargetT2 = FirstLoss(chunk, new DistillationLossDefinition("soft_target", 2.0, false), lambda: 1.0);
        double bce = FirstLoss(chunk, null, lambda: 1.0);

        Assert.Equal(bce, softTarget, 4);
        Assert.NotEqual(bce, softTargetT2, 3);
    }

    [Fact]
    public void Train_LogitMse_IsQuadraticInTheTeacherLogit()
    {
        // mean w (z − c)² has second difference 2·Δ² in c: (L(20) − 2 L(10) + L(0)) = 200 for any initial student.
        DatasetChunk source = SyntheticDistillationProblem.Chunks(1, Rows, seed: 3)[0];
        var mse = new DistillationLossDefinition("logit_mse");

        double at0 = FirstLoss(WithTeacher(source, 0f), mse, lambda: 1.0);
        double at10 = FirstLoss(WithTeacher(source, 10f), mse, lambda: 1.0);
        double at20 = FirstLoss(WithTeacher(source, 20f), mse, lambda: 1.0);

        Assert.Equal(200.0, at20 - (2 * at10) + at0, 1);
    }

    [Fact]
    public void Train_MixedShare_IsTheWeightedSumOfTheHardAndTeacherTerms()
    {
        DatasetChunk chunk = WithTeacher(SyntheticDistillationProblem.Chunks(1, Rows, seed: 4)[0], 3f);
        var mse = new DistillationLossDefinition("logit_mse");

        double hard = FirstLoss(chunk, mse, lambda: 0.0);
        double teacher = FirstLoss(chunk, mse, lambda: 1.0);
        double mixed = FirstLoss(chunk, mse, lambda: 0.25);

        Assert.Equal((0.75 * hard) + (0.25 * teacher), mixed, 4);
    }

    private double FirstLoss(DatasetChunk chunk, DistillationLossDefinition? loss, double lambda)
    {
        TrainingDefinition training = SyntheticDistillationProblem.Training(epochs: 1, batchSize: Rows, softLabelWeight: lambda, seed: 5)
            with { DistillationLoss = loss };
        using ITrainedStudent student = _trainer.Train(SyntheticDistillationProblem.Request(training, [chunk]), null, CancellationToken.None);
        return Assert.Single(student.Curve).MeanLoss;
    }

    private static DatasetChunk WithTeacher(DatasetChunk chunk, float teacher) => new()
    {
        RequestIds = chunk.RequestIds,
        ItemIds = chunk.ItemIds,
        Positions = chunk.Positions,
        Labels = chunk.Labels,
        Weights = chunk.Weights,
        SoftLabels = chunk.SoftLabels,
        TeacherLogits = [.. chunk.TeacherLogits.Select(_ => teacher)],
        Features = chunk.Features,
    };
}
