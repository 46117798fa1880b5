using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;
using CascadeDistill.Training.Sampling;
using TorchSharp;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>The ground-truth term on the in-batch path: which cells it reads, the hard target it leaves, the loss it adds.</summary>
public sealed class InBatchGroundTruthTests
{
    private const int S = DatasetChunkBuilder.SampledPosition;
    private static readonly FeatureDefinition[] s_user = [.. SyntheticDistillationProblem.Features.Where(f => f.Side == FeatureSide.User)];
    private static readonly FeatureDefinition[] s_item = [.. SyntheticDistillationProblem.Features.Where(f => f.Side == FeatureSide.Item)];
    private readonly TorchStudentTrainer _trainer = new();

    [Fact]
    public void Create_GroundTruth_CellsAreOwnShownCandidatesAndTheHardTargetFollowsTheWeights()
    {
        // a: items 1 (top 1, clicked), 2 (shown, not clicked), 7 (never shown: NaN), sampled 9;
        // b: items 2 (top 1, not clicked), 4 (clicked), sampled 1. Columns: 1, 2, 7, 9, 4.
        DatasetChunk source = SyntheticDistillationProblem.Chunk(7, new Random(2));
        var chunk = new DatasetChunk
        {
            RequestIds = ["a", "a", "a", "a", "b", "b", "b"],
            ItemIds = [1, 2, 7, 9, 2, 4, 1],
            Positions = [1, 2, 3, S, 1, 0, S],
            Labels = [1, 0, float.NaN, 0, 0, 1, 0],
            Weights = [2, 0, 0, 0, 3, 0, 0],
            SoftLabels = source.SoftLabels,
            TeacherLogits = [0, 0, 0, float.NaN, 0, 0, float.NaN],
            Features = source.Features,
        };
        RequestList[] lists = [.. RequestListStream.Windows([chunk]).SelectMany(w => w)];

        using InBatchTrainingBatch batch = InBatchTrainingBatch.Create(
            lists, s_user, s_item, new InBatchDefinition(1.0, 0), new ItemFrequencyEstimator(1024, 0.5), 1, torch.CPU, groundTruth: true);

        Assert.Equal([1L, 2, 7, 9, 4], batch.ColumnItemIds);
        Assert.Equal(4, batch.GroundTruthCount);
        Assert.Equal([0L, 1, 5 + 1, 5 + 4], batch.GroundTruthCells!.data<long>().ToArray());
        Assert.Equal([1f, 0f, 0f, 1f], batch.GroundTruthLabels!.data<float>().ToArray());
        // λ = 0: the hard target is the weight column alone, whatever was clicked (b's top 1, item 2, was not).
        Assert.Equal([1f, 0, 0, 0, 0, 0, 1f, 0, 0, 0], batch.TargetValues);
    }

    [Fact]
    public void Train_GroundTruthWeight_AddsOneBceTermLinearlyToTheFirstLoss()
    {
        DatasetChunk chunk = WithClicks(InBatchTrainingTests.RequestChunk(requests: 6, seed: 3));

        double half = FirstLoss(chunk, 0.5);
        double one = FirstLoss(chunk, 1.0);
        double two = FirstLoss(chunk, 2.0);

        Assert.True(two - one > 0.01, $"the ground-truth term adds nothing: {one} vs {two}");
        Assert.Equal(two - one, 2 * (one - half), 4);
    }

    [Fact]
    public void Train_GroundTruthLearned_StaysFiniteAndLearns()
    {
        DatasetChunk chunk = WithClicks(InBatchTrainingTests.RequestChunk(requests: 12, seed: 4));

        using ITrainedStudent student = _trainer.Train(Request(chunk, 1.0, learned: true, epochs: 6), null, CancellationToken.None);

        Assert.All(student.Curve, e => Assert.True(double.IsFinite(e.MeanLoss)));
        Assert.True(student.Curve[^1].MeanLoss < student.Curve[0].MeanLoss, $"first {student.Curve[0].MeanLoss}, last {student.Curve[^1].MeanLoss}");
    }

    // The stream holds a chunk's last request back, so an epoch is two batches: a vanishing learning rate keeps
    // the second batch's student the initial one, and the epoch loss the loss of that student.
    private double FirstLoss(DatasetChunk chunk, double weight)
    {
        TrainStudentRequest request = Request(chunk, weight, learned: false, epochs: 1);
        request = request with { Training = request.Training with { LearningRate = 1e-9 } };
        using ITrainedStudent student = _trainer.Train(request, null, CancellationToken.None);
        return Assert.Single(student.Curve).MeanLoss;
    }

    private static TrainStudentRequest Request(DatasetChunk chunk, double weight, bool learned, int epochs) =>
        SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: epochs, batchSize: 64, seed: 9), [chunk])
            with
            {
                Objective = TrainingObjective.InBatchSoftmax,
                InBatch = new InBatchDefinition(1.0, 0.5),
                Ranking = new RankingTrainingOptions(null, null, 1.0, weight, learned),
            };

    // The layout InBatchRecipe writes with ground truth: the label column holds the click (the teacher's
    // matches, NaN for sampled negatives), the weight column the hard target (1 for the top 3, else 0).
    private static DatasetChunk WithClicks(DatasetChunk chunk) => new()
    {
        RequestIds = chunk.RequestIds,
        ItemIds = chunk.ItemIds,
        Positions = chunk.Positions,
        Labels = [.. chunk.Positions.Select((p, i) => p == S ? float.NaN : chunk.TeacherLogits[i] > 0 ? 1f : 0f)],
        Weights = [.. chunk.Labels],
        SoftLabels = chunk.SoftLabels,
        TeacherLogits = chunk.TeacherLogits,
        Features = chunk.Features,
    };
}
