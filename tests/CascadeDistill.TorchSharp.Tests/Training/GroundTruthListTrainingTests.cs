using CascadeDistill.Datasets;
using CascadeDistill.Datasets.Listwise;
using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>The list objectives on logged labels alone (<c>dataset.labels: ground_truth</c>): the teacher is never read, the labels are.</summary>
public sealed class GroundTruthListTrainingTests
{
    private static readonly PairwiseDefinition s_pairs = new(
        new PairSamplingDefinition { Strategy = PairSamplingStrategy.TopKVersusSampled, TopK = 3, SampledPerItem = 3, Weighting = PairWeighting.PositionDecay });

    private readonly TorchStudentTrainer _trainer = new();

    [Theory]
    [InlineData(TrainingObjective.ListNet)]
    [InlineData(TrainingObjective.LambdaNdcg)]
    [InlineData(TrainingObjective.Bpr)]
    public void Train_GroundTruthOnly_IgnoresTheTeacherAndFollowsTheLabels(TrainingObjective objective)
    {
        DatasetChunk chunk = SyntheticListProblem.Chunks(count: 1, requests: 20, seed: 11)[0];
        DatasetChunk otherTeacher = With(chunk, teacher: [.. chunk.TeacherLogits.Select(t => -t)], positions: [.. chunk.Positions.Reverse()]);
        DatasetChunk otherLabels = With(chunk, labels: [.. chunk.Labels.Select(l => 1f - l)]);

        float[] trained = TrainAndFlatten(chunk, objective);
        float[] teacherChanged = TrainAndFlatten(otherTeacher, objective);
        float[] labelsChanged = TrainAndFlatten(otherLabels, objective);

        Assert.Equal(trained, teacherChanged);
        Assert.NotEqual(trained, labelsChanged);
    }

    [Theory]
    [InlineData(TrainingObjective.ListNet)]
    [InlineData(TrainingObjective.LambdaNdcg)]
    [InlineData(TrainingObjective.Bpr)]
    public void Train_GroundTruthOnly_LossDecreases(TrainingObjective objective)
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 2, requests: 30, seed: 12);

        using ITrainedStudent student = _trainer.Train(Request(chunks, objective, epochs: 6), null, CancellationToken.None);

        Assert.All(student.Curve, e => Assert.True(double.IsFinite(e.MeanLoss) && e.MeanLoss > 0));
        Assert.True(student.Curve[^1].MeanLoss < student.Curve[0].MeanLoss * 0.9, $"first {student.Curve[0].MeanLoss}, last {student.Curve[^1].MeanLoss}");
    }

    private static TrainStudentRequest Request(IReadOnlyList<DatasetChunk> chunks, TrainingObjective objective, int epochs) =>
        SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: epochs, batchSize: 64, seed: 7), chunks)
            with
            {
                Objective = objective,
                Ranking = new RankingTrainingOptions(
                    new RankBucketGrader([new(1, 2, 2), new(3, 5, 1)]), new RequestPairDrawer(s_pairs, seed: 3), 1.0, 0, false, GroundTruthOnly: true),
            };

    private float[] TrainAndFlatten(DatasetChunk chunk, TrainingObjective objective)
    {
        using ITrainedStudent student = _trainer.Train(Request([chunk], objective, epochs: 2), null, CancellationToken.None);
        TwoTowerWeights weights = student.ExportWeights();
        return [.. weights.User.Layers.SelectMany(l => l.Weight.Values), .. weights.Item.Layers.SelectMany(l => l.Weight.Values)];
    }

    private static DatasetChunk With(DatasetChunk chunk, float[]? teacher = null, int[]? positions = null, float[]? labels = null) => new()
    {
        RequestIds = chunk.RequestIds,
        ItemIds = chunk.ItemIds,
        Positions = positions ?? chunk.Positions,
        Labels = labels ?? chunk.Labels,
        Weights = chunk.Weights,
        SoftLabels = chunk.SoftLabels,
        TeacherLogits = teacher ?? chunk.TeacherLogits,
        Features = chunk.Features,
    };
}
