using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;
using TorchSharp;

namespace CascadeDistill.Torch.Tests.Training;

public sealed class TorchStudentTrainerTests
{
    private readonly TorchStudentTrainer _trainer = new();

    [Fact]
    public void Train_LearnableProblem_LastEpochLossClearlyBelowFirst()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 3, rows: 700, seed: 1);
        var progress = new RecordingProgress();

        using ITrainedStudent student = _trainer.Train(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: 8), chunks), progress, CancellationToken.None);

        Assert.Equal(8, student.Curve.Count);
        Assert.All(student.Curve, e => Assert.Equal(2100, e.Examples));
        Assert.All(student.Curve, e => Assert.True(double.IsFinite(e.MeanLoss) && e.MeanLoss > 0));
        Assert.Equal(Enumerable.Range(1, 8), student.Curve.Select(e => e.Epoch));
        Assert.True(student.Curve[^1].MeanLoss < 0.75 * student.Curve[0].MeanLoss,
            $"first {student.Curve[0].MeanLoss}, last {student.Curve[^1].MeanLoss}");
        Assert.NotEmpty(progress.Reports);
        Assert.All(progress.Reports, p => Assert.Equal(8, p.Epochs));
        Assert.Equal(2100, progress.Reports[^1].ExamplesSeen);
    }

    [Fact]
    public void Train_LearnableProblem_RanksMatchingItemsAboveOthers()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 3, rows: 700, seed: 2);
        DatasetChunk heldOut = SyntheticDistillationProblem.Chunks(count: 1, rows: 400, seed: 99)[0];

        using ITrainedStudent student = _trainer.Train(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: 8), chunks), null, CancellationToken.None);

        float[] u = student.EncodeUsers(heldOut.Features);
        float[] v = student.EncodeItems(heldOut.Features);
        int dim = student.ExportWeights().EmbeddingDim;
        double positive = 0, negative = 0;
        int positives = 0;
        for (int r = 0; r < heldOut.Count; r++)
        {
            double score = 0;
            for (int d = 0; d < dim; d++)
            {
                score += u[(r * dim) + d] * v[(r * dim) + d];
            }
            if (heldOut.Labels[r] > 0.5f)
            {
                positive += score;
                positives++;
            }
            else
            {
                negative += score;
            }
        }
        Assert.True(positive / positives > (negative / (heldOut.Count - positives)) + 0.2,
            $"mean positive {positive / positives}, mean negative {negative / (heldOut.Count - positives)}");
    }

    [Fact]
    public void Train_SameSeed_ExportsIdenticalWeights()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 2, rows: 300, seed: 3);
        TrainStudentRequest request = SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: 2, seed: 11), chunks);

        TwoTowerWeights first = TrainAndExport(request);
        TwoTowerWeights second = TrainAndExport(request);

        Assert.Equal(Flatten(first), Flatten(second));
    }

    [Fact]
    public void Train_SameSeedTwoThreads_ExportsIdenticalWeights()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 2, rows: 300, seed: 3);
        TrainStudentRequest request = SyntheticDistillationProblem.Request(
            SyntheticDistillationProblem.Training(epochs: 2, seed: 11) with { Threads = 2 }, chunks);

        TwoTowerWeights first = TrainAndExport(request);
        TwoTowerWeights second = TrainAndExport(request);

        Assert.Equal(Flatten(first), Flatten(second));
    }

    [Fact]
    public void Train_DifferentSeed_ExportsDifferentWeights()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 2, rows: 300, seed: 3);

        TwoTowerWeights first = TrainAndExport(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: 1, seed: 11), chunks));
        TwoTowerWeights second = TrainAndExport(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: 1, seed: 12), chunks));

        Assert.NotEqual(Flatten(first), Flatten(second));
    }

    [Fact]
    public void Train_CancelledDuringEpoch_ThrowsBeforeTheNextBatch()
    {
        // One batch per chunk; the token is cancelled while the third chunk is being produced.
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 6, rows: 64, seed: 4);
        using var cancellation = new CancellationTokenSource();
        int produced = 0;
        IEnumerable<DatasetChunk> Read(int epoch, CancellationToken token)
        {
            foreach (DatasetChunk chunk in chunks)
            {
                produced++;
                if (produced == 3)
                {
                    cancellation.Cancel();
                }
                yield return chunk;
            }
        }
        TrainStudentRequest request = SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: 3), chunks)
            with { ReadEpoch = Read };

        Assert.ThrowsAny<OperationCanceledException>(() => _trainer.Train(request, null, cancellation.Token));
        Assert.Equal(3, produced);
    }

    [Fact]
    public void Train_CancelledFromProgressReport_StopsBeforeTheNextReport()
    {
        // One chunk of 60 batches; the first report (after batch 20) cancels.
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 1, rows: 60 * 16, seed: 4);
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(onReport: cancellation.Cancel);

        Assert.ThrowsAny<OperationCanceledException>(() => _trainer.Train(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(batchSize: 16), chunks), progress, cancellation.Token));
        TrainingProgress only = Assert.Single(progress.Reports);
        Assert.Equal(20 * 16, only.ExamplesSeen);
    }

    [Fact]
    public void Train_CancelledBeforeStart_Throws()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 1, rows: 64, seed: 4);

        Assert.ThrowsAny<OperationCanceledException>(() => _trainer.Train(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(), chunks), null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Train_NaNNumericFeature_ThrowsTrainingDiverged()
    {
        DatasetChunk chunk = SyntheticDistillationProblem.Chunks(count: 1, rows: 200, seed: 5)[0];
        ((NumericColumn)chunk.Features["user_age"]).Values[150] = float.NaN;

        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => _trainer.Train(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(batchSize: 50), [chunk]), null, CancellationToken.None));

        Assert.Equal(1, error.Epoch);
        Assert.InRange(error.Batch, 1, 4);
    }

    [Fact]
    public void Train_HugeLearningRate_ThrowsTrainingDiverged()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 2, rows: 256, seed: 6);

        Assert.Throws<TrainingDivergedException>(() => _trainer.Train(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: 3, learningRate: 1e30), chunks),
            null,
            CancellationToken.None));
    }

    [Fact]
    public void Train_SoftLabelWeightWithoutSoftLabels_ThrowsInvalidData()
    {
        DatasetChunk chunk = SyntheticDistillationProblem.Chunks(count: 1, rows: 64, seed: 7)[0];
        Array.Fill(chunk.SoftLabels, float.NaN);

        Assert.Throws<InvalidDataException>(() => _trainer.Train(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(softLabelWeight: 0.5), [chunk]), null, CancellationToken.None));
    }

    [Fact]
    public void Train_SoftLabels_TrainsAndDiffersFromHardOnly()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 2, rows: 300, seed: 8);

        TwoTowerWeights hard = TrainAndExport(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: 1, softLabelWeight: 0), chunks));
        TwoTowerWeights mixed = TrainAndExport(
            SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: 1, softLabelWeight: 0.5), chunks));

        Assert.NotEqual(Flatten(hard), Flatten(mixed));
    }

    [Fact]
    public void Train_InvalidRequest_ListsEveryProblem()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 1, rows: 64, seed: 9);
        TrainStudentRequest request = SyntheticDistillationProblem.Request(
            SyntheticDistillationProblem.Training() with { Epochs = 0, BatchSize = 0 },
            chunks,
            new StudentDefinition("mlp", [8], 4, 1.0));

        ArgumentException error = Assert.Throws<ArgumentException>(() => _trainer.Train(request, null, CancellationToken.None));

        Assert.Contains("student.architecture", error.Message, StringComparison.Ordinal);
        Assert.Contains("training.epochs", error.Message, StringComparison.Ordinal);
        Assert.Contains("training.batch_size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveDevice_AutoOrCpu_ReturnsAvailableDevice()
    {
        string expected = torch.cuda.is_available() ? "cuda" : "cpu";

        Assert.Equal(expected, _trainer.ResolveDevice("auto"));
        Assert.Equal("cpu", _trainer.ResolveDevice("CPU"));
    }

    [Fact]
    public void ResolveDevice_CudaWithoutGpu_ThrowsDeviceUnavailable()
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal("cuda", _trainer.ResolveDevice("cuda"));
            return;
        }

        TorchDeviceUnavailableException error = Assert.Throws<TorchDeviceUnavailableException>(() => _trainer.ResolveDevice("cuda"));

        Assert.Equal("cuda", error.Device);
    }

    [Fact]
    public void ResolveDevice_UnknownName_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => _trainer.ResolveDevice("tpu"));
    }

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

    private sealed class RecordingProgress(Action? onReport = null) : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];

        public void Report(TrainingProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke();
        }
    }
}
