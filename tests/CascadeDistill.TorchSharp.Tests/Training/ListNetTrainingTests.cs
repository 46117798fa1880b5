using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Students;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>The trainer with <see cref="TrainingObjective.ListNet"/>: batches of whole requests, ListNet loss.</summary>
public sealed class ListNetTrainingTests
{
    private readonly TorchStudentTrainer _trainer = new();

    [Fact]
    public void Train_ListNetOnLearnableProblem_LossDecreasesAndEveryRowIsSeen()
    {
        // 10 candidates per request; the teacher prefers items of the user's category.
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 2, requests: 60, seed: 1);

        using ITrainedStudent student = _trainer.Train(Request(chunks, epochs: 6, seed: 7), null, CancellationToken.None);

        Assert.Equal(6, student.Curve.Count);
        Assert.All(student.Curve, e => Assert.Equal(1200, e.Examples));
        Assert.All(student.Curve, e => Assert.True(double.IsFinite(e.MeanLoss) && e.MeanLoss > 0));
        Assert.True(student.Curve[^1].MeanLoss < student.Curve[0].MeanLoss - 0.05,
            $"first {student.Curve[0].MeanLoss}, last {student.Curve[^1].MeanLoss}");
    }

    [Fact]
    public void Train_ListNetSameSeed_ExportsIdenticalWeights()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 2, requests: 30, seed: 3);

        float[] first = Flatten(TrainAndExport(Request(chunks, epochs: 2, seed: 11)));
        float[] second = Flatten(TrainAndExport(Request(chunks, epochs: 2, seed: 11)));
        float[] other = Flatten(TrainAndExport(Request(chunks, epochs: 2, seed: 12)));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Train_ListNetCancelledFromProgress_StopsBeforeTheNextBatch()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 1, requests: 200, seed: 5);
        using var cancellation = new CancellationTokenSource();
        var progress = new CancellingProgress(cancellation);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            _trainer.Train(Request(chunks, epochs: 3, seed: 1, batchSize: 20), progress, cancellation.Token));
        Assert.Equal(1, progress.Reports);
    }

    [Fact]
    public void Train_ListNetNonPositiveTemperature_IsInvalid()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticListProblem.Chunks(count: 1, requests: 2, seed: 5);

        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            _trainer.Train(Request(chunks, epochs: 1, seed: 1) with { ListNetTemperature = 0 }, null, CancellationToken.None));
        Assert.Contains("dataset.listwise.temperature", error.Message, StringComparison.Ordinal);
    }

    private static TrainStudentRequest Request(IReadOnlyList<DatasetChunk> chunks, int epochs, int seed, int batchSize = 64) =>
        SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: epochs, batchSize: batchSize, seed: seed), chunks)
            with { Objective = TrainingObjective.ListNet, ListNetTemperature = 1.0 };

    private TwoTowerWeights TrainAndExport(TrainStudentRequest request)
    {
        using ITrainedStudent student = _trainer.Train(request, null, CancellationToken.None);
        return student.ExportWeights();
    }

    private static float[] Flatten(TwoTowerWeights weights) => [.. Flatten(weights.User), .. Flatten(weights.Item)];

    private static IEnumerable<float> Flatten(TowerWeights tower) =>
        tower.Features
            .Where(f => f.Kind != FeatureKind.Numeric)
            .SelectMany(f => tower.Embeddings[f.Name].Values)
            .Concat(tower.Layers.SelectMany(l => l.Weight.Values.Concat(l.Bias)));

    private sealed class CancellingProgress(CancellationTokenSource cancellation) : IProgress<TrainingProgress>
    {
        public int Reports { get; private set; }

        public void Report(TrainingProgress value)
        {
            Reports++;
            cancellation.Cancel();
        }
    }
}
