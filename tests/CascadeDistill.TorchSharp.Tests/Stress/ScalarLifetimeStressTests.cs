using System.Globalization;
using CascadeDistill.Datasets;
using CascadeDistill.Datasets.Listwise;
using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;

namespace CascadeDistill.Torch.Tests.Stress;

/// <summary>
/// The behaviour behind <see cref="TorchScalarLifetimeTests"/>: every training objective, trained again and
/// again in one process while another thread forces garbage collections and runs finalisers without pause.
/// A TorchSharp Scalar (or tensor) left unreferenced during a libtorch call is finalised under it here
/// quickly: before the native-lifetime rule this failed within about 20 s ("Expected false to be true" from
/// c10/core/Scalar.h inside Adam's step). The suite runs <see cref="DefaultRounds"/> rounds (a few seconds);
/// <c>CASCADE_STRESS_ROUNDS=N</c> runs more (build/stress-torch.sh).
/// </summary>
public sealed class ScalarLifetimeStressTests
{
    public const int DefaultRounds = 4;

    private static readonly TrainingObjective[] s_objectives =
        [TrainingObjective.WeightedBce, TrainingObjective.ListNet, TrainingObjective.LambdaNdcg, TrainingObjective.Bpr, TrainingObjective.InBatchSoftmax];

    [Fact]
    public void Train_EveryObjectiveRepeatedlyUnderConstantCollections_CompletesAndLearns()
    {
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("CASCADE_STRESS_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : DefaultRounds;
        var trainer = new TorchStudentTrainer();
        IReadOnlyList<DatasetChunk> points = SyntheticDistillationProblem.Chunks(count: 2, rows: 400, seed: 1);
        IReadOnlyList<DatasetChunk> lists = SyntheticListProblem.Chunks(count: 2, requests: 40, seed: 1);
        var pairs = new PairwiseDefinition(new PairSamplingDefinition
        {
            Strategy = PairSamplingStrategy.TopKVersusSampled, TopK = 3, SampledPerItem = 3, Weighting = PairWeighting.PositionDecay,
        });
        IRelevanceGrader grades = new RankBucketGrader([new(1, 2, 2), new(3, 5, 1)]);
        long collections = 0;
        using var stop = new CancellationTokenSource();
        var pressure = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref collections);
            }
        }) { IsBackground = true, Name = "gc-pressure" };
        pressure.Start();
        var trained = new List<(TrainingObjective Objective, EpochRecord First, EpochRecord Last)>();
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                foreach (TrainingObjective objective in s_objectives)
                {
                    bool pointwise = objective == TrainingObjective.WeightedBce;
                    bool ranking = objective is TrainingObjective.ListNet or TrainingObjective.LambdaNdcg or TrainingObjective.Bpr;
                    TrainStudentRequest request = SyntheticDistillationProblem.Request(
                        SyntheticDistillationProblem.Training(epochs: 3, batchSize: 64, seed: 7, softLabelWeight: pointwise ? 0.3 : 0),
                        pointwise ? points : lists) with
                    {
                        Objective = objective,
                        Ranking = ranking
                            ? new RankingTrainingOptions(grades, new RequestPairDrawer(pairs, seed: 3), Sigma: 1.0, GroundTruthWeight: 0.3, LearnedWeighting: objective == TrainingObjective.ListNet)
                            : null,
                        InBatch = objective == TrainingObjective.InBatchSoftmax ? new InBatchDefinition(1.0, 0.5) : null,
                    };
                    using ITrainedStudent student = trainer.Train(request, null, CancellationToken.None);
                    trained.Add((objective, student.Curve[0], student.Curve[^1]));
                }
            }
        }
        finally
        {
            stop.Cancel();
            pressure.Join();
        }

        Assert.Equal(rounds * s_objectives.Length, trained.Count);
        Assert.True(Interlocked.Read(ref collections) > rounds, $"only {collections} forced collections ran beside {rounds} rounds");
        Assert.All(trained, t => Assert.True(
            double.IsFinite(t.Last.MeanLoss) && t.Last.MeanLoss < t.First.MeanLoss,
            $"{t.Objective}: first epoch {t.First.MeanLoss}, last {t.Last.MeanLoss}"));
    }
}
