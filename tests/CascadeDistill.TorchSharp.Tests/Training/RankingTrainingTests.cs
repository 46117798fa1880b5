using CascadeDistill.Datasets;
using CascadeDistill.Datasets.Listwise;
using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Students;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;
using TorchSharp;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>The list objectives beyond ListNet: BPR pairs, LambdaNDCG grades, the ground-truth mix and its weighting.</summary>
public sealed class RankingTrainingTests
{
    private static readonly PairwiseDefinition s_pairs = new(
        new PairSamplingDefinition { Strategy = PairSamplingStrategy.TopKVersusSampled, TopK = 3, SampledPerItem = 3, Weighting = PairWeighting.PositionDecay });

    private static readonly IRelevanceGrader s_grades = new RankBucketGrader([new(1, 2, 2), new(3, 5, 1)]);

    private readonly TorchStudentTrainer _trainer = new();

    [Fact]
    public void Train_BprOnLearnableProblem_LossDecreasesAndEveryRowIsSeen()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 2, requests: 40, seed: 1);

        using ITrainedStudent student = _trainer.Train(Request(chunks, TrainingObjective.Bpr, Options(pairs: true)), null, CancellationToken.None);

        AssertLearned(student, rows: 800);
    }

    [Fact]
    public void Train_LambdaNdcgOnLearnableProblem_LossDecreases()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 2, requests: 40, seed: 2);

        using ITrainedStudent student = _trainer.Train(Request(chunks, TrainingObjective.LambdaNdcg, Options(grades: true)), null, CancellationToken.None);

        AssertLearned(student, rows: 800);
    }

    [Fact]
    public void Train_GroundTruthMixed_ChangesTheStudentAndLearnedWeightingStaysFinite()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 1, requests: 40, seed: 3);

        float[] plain = Flatten(TrainAndExport(Request(chunks, TrainingObjective.Bpr, Options(pairs: true), epochs: 2)));
        float[] mixed = Flatten(TrainAndExport(Request(chunks, TrainingObjective.Bpr, Options(pairs: true, groundTruth: 0.5), epochs: 2)));
        using ITrainedStudent learned = _trainer.Train(
            Request(chunks, TrainingObjective.ListNet, Options(groundTruth: 1.0, learned: true), epochs: 4), null, CancellationToken.None);

        Assert.NotEqual(plain, mixed);
        Assert.All(learned.Curve, e => Assert.True(double.IsFinite(e.MeanLoss)));
        Assert.True(learned.Curve[^1].MeanLoss < learned.Curve[0].MeanLoss, $"first {learned.Curve[0].MeanLoss}, last {learned.Curve[^1].MeanLoss}");
    }

    [Fact]
    public void Train_BprSameSeed_ExportsIdenticalWeights()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 1, requests: 30, seed: 4);

        float[] first = Flatten(TrainAndExport(Request(chunks, TrainingObjective.Bpr, Options(pairs: true), epochs: 2)));
        float[] second = Flatten(TrainAndExport(Request(chunks, TrainingObjective.Bpr, Options(pairs: true), epochs: 2)));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(TrainingObjective.Bpr, "dataset.pairwise")]
    [InlineData(TrainingObjective.LambdaNdcg, "dataset.listwise.grades")]
    public void Train_ListObjectiveWithoutItsOptions_IsInvalid(TrainingObjective objective, string path)
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 1, requests: 2, seed: 5);

        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            _trainer.Train(Request(chunks, objective, Options()), null, CancellationToken.None));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_UserTowerOncePerList_EqualsTheRowwiseForward()
    {
        DatasetChunk first = SyntheticListProblem.Chunk(3, "a", new Random(6));
        DatasetChunk second = SyntheticListProblem.Chunk(2, "b", new Random(7));
        RequestList[] lists = [.. RequestListStream.Windows([first, second]).SelectMany(w => w)];
        FeatureDefinition[] user = [.. SyntheticDistillationProblem.Features.Where(f => f.Side == FeatureSide.User)];
        FeatureDefinition[] item = [.. SyntheticDistillationProblem.Features.Where(f => f.Side == FeatureSide.Item)];
        using var model = new TwoTowerModule(SyntheticDistillationProblem.Student(), SyntheticDistillationProblem.Features, SyntheticDistillationProblem.Statistics, 3);
        using var noGrad = torch.no_grad();

        using ListTrainingBatch batch = ListTrainingBatch.Create(lists, user, item, torch.CPU);
        float[] listScores = batch.Scores(model).data<float>().ToArray();
        using TowerInput users = TowerInput.Create(user, second.Features, torch.CPU);
        using TowerInput items = TowerInput.Create(item, second.Features, torch.CPU);
        float[] rowScores = model.forward(users, items).data<float>().ToArray();

        Assert.Equal(5, batch.Lists);
        // The fourth list is the second chunk's first request: rows 0..9 of that chunk.
        for (int i = 0; i < SyntheticListProblem.ListLength; i++)
        {
            Assert.Equal(rowScores[i], listScores[(3 * batch.MaxLength) + i], 5);
        }
        Assert.Equal(first.Positions[..SyntheticListProblem.ListLength], batch.PositionValues[..SyntheticListProblem.ListLength]);
        Assert.Equal(["areq-0", "areq-1", "areq-2", "breq-0", "breq-1"], batch.RequestIds);
    }

    private static void AssertLearned(ITrainedStudent student, int rows)
    {
        Assert.All(student.Curve, e => Assert.Equal(rows, e.Examples));
        Assert.All(student.Curve, e => Assert.True(double.IsFinite(e.MeanLoss) && e.MeanLoss > 0));
        Assert.True(student.Curve[^1].MeanLoss < student.Curve[0].MeanLoss * 0.9,
            $"first {student.Curve[0].MeanLoss}, last {student.Curve[^1].MeanLoss}");
    }

    private static RankingTrainingOptions Options(bool pairs = false, bool grades = false, double groundTruth = 0, bool learned = false) =>
        new(grades ? s_grades : null, pairs ? new RequestPairDrawer(s_pairs, seed: 3) : null, Sigma: 1.0, groundTruth, learned);

    private static TrainStudentRequest Request(IReadOnlyList<DatasetChunk> chunks, TrainingObjective objective, RankingTrainingOptions ranking, int epochs = 6) =>
        SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: epochs, batchSize: 64, seed: 7), chunks)
            with { Objective = objective, Ranking = ranking };

    private TwoTowerWeights TrainAndExport(TrainStudentRequest request)
    {
        using ITrainedStudent student = _trainer.Train(request, null, CancellationToken.None);
        return student.ExportWeights();
    }

    private static float[] Flatten(TwoTowerWeights weights) =>
        [.. weights.User.Layers.SelectMany(l => l.Weight.Values), .. weights.Item.Layers.SelectMany(l => l.Weight.Values)];
}
