using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Torch.Losses;
using CascadeDistill.Torch.Students;
using CascadeDistill.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// The epochs of one training run: stream each epoch's chunks, shuffle rows within a chunk
/// (seeded per epoch), cut minibatches, one dispose scope and one Adam step per batch.
/// Epochs and batches are numbered from 1. With a list objective (ListNet, LambdaNDCG, BPR) the
/// batches are whole requests instead (StudentTrainingLoop.Listwise.cs, StudentTrainingLoop.Ranking.cs),
/// as with <see cref="TrainingObjective.InBatchSoftmax"/> (StudentTrainingLoop.InBatch.cs).
/// </summary>
internal sealed partial class StudentTrainingLoop
{
    /// <summary>Batches between two progress reports.</summary>
    public const int ReportEveryBatches = 20;

    private readonly TrainStudentRequest _request;
    private readonly TwoTowerModule _model;
    private readonly Device _device;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly TimeProvider _timeProvider;

    public StudentTrainingLoop(
        TrainStudentRequest request, TwoTowerModule model, Device device, IProgress<TrainingProgress>? progress, TimeProvider timeProvider)
    {
        _request = request;
        _model = model;
        _device = device;
        _progress = progress;
        _timeProvider = timeProvider;
    }

    public IReadOnlyList<EpochRecord> Run(CancellationToken cancellationToken)
    {
        var curve = new List<EpochRecord>(_request.Training.Epochs);
        using UncertaintyWeighting? weighting = CreateLossWeighting();
        using var optimizer = new AdamOptimizer(
            weighting is null ? _model.parameters() : _model.parameters().Concat(weighting.parameters()),
            _request.Training.LearningRate,
            _request.Training.WeightDecay);
        _model.train();
        for (int epoch = 1; epoch <= _request.Training.Epochs; epoch++)
        {
            curve.Add(_request.Objective switch
            {
                TrainingObjective.InBatchSoftmax => RunInBatchEpoch(epoch, optimizer, weighting, cancellationToken),
                TrainingObjective objective when IsListObjective(objective) => RunListEpoch(epoch, optimizer, weighting, cancellationToken),
                _ when _request.Heads is { } heads => RunHeadsEpoch(epoch, optimizer, heads, cancellationToken),
                _ => RunEpoch(epoch, optimizer, cancellationToken),
            });
        }
        _model.eval();
        return curve;
    }

    private EpochRecord RunEpoch(int epoch, AdamOptimizer optimizer, CancellationToken cancellationToken)
    {
        double lambda = _request.Training.SoftLabelWeight;
        bool softLabels = lambda > 0 && !ReadsTeacherLogits;
        return RunPointwiseEpoch(epoch, optimizer, softLabels, teacherLogits: lambda > 0 && ReadsTeacherLogits,
            _ => (_, batch) => PointwiseLoss(batch, _model.forward(batch.User, batch.Item), lambda), cancellationToken);
    }

    /// <summary>The loss of one minibatch of a chunk: its row indices within the chunk and the batch built from them.</summary>
    private delegate Tensor BatchLoss(ReadOnlySpan<int> rows, TrainingBatch batch);

    /// <summary>
    /// One pointwise epoch: each chunk's rows shuffled (seeded per epoch) and cut into minibatches, one dispose
    /// scope and one optimiser step per batch. <paramref name="lossOfChunk"/> is called once per chunk (after its
    /// validation) and gives the loss of each of its batches.
    /// </summary>
    private EpochRecord RunPointwiseEpoch(
        int epoch, AdamOptimizer optimizer, bool softLabels, bool teacherLogits, Func<DatasetChunk, BatchLoss> lossOfChunk, CancellationToken cancellationToken)
    {
        long started = _timeProvider.GetTimestamp();
        Random random = EpochShuffle.ForEpoch(_request.Training.Seed, epoch);
        int batchSize = _request.Training.BatchSize;
        IReadOnlyList<FeatureDefinition> userFeatures = _model.User.Features;
        IReadOnlyList<FeatureDefinition> itemFeatures = _model.Item.Features;
        var epochLoss = new WeightedMean();
        var recentLoss = new WeightedMean();
        long examples = 0;
        long batchNumber = 0;

        foreach (DatasetChunk chunk in _request.ReadEpoch(epoch, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            DatasetChunkValidator.Validate(chunk, requiresSoftLabels: softLabels, epoch);
            BatchLoss batchLoss = lossOfChunk(chunk);
            int[] order = EpochShuffle.Permutation(chunk.Count, random);
            for (int start = 0; start < order.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batchNumber++;
                ReadOnlySpan<int> rows = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
                double loss;
                double weightSum;
                using (DisposeScope scope = NewDisposeScope())
                {
                    TrainingBatch batch = TrainingBatch.Create(chunk, rows, userFeatures, itemFeatures, softLabels, _device, teacherLogits);
                    Tensor lossTensor = batchLoss(rows, batch);
                    loss = Step(optimizer, lossTensor, epoch, batchNumber);
                    weightSum = batch.WeightSum;
                }
                examples += rows.Length;
                epochLoss.Add(loss, weightSum);
                recentLoss.Add(loss, weightSum);
                if (batchNumber % ReportEveryBatches == 0)
                {
                    Report(epoch, examples, recentLoss);
                }
            }
        }
        if (batchNumber % ReportEveryBatches != 0)
        {
            Report(epoch, examples, recentLoss);
        }
        double seconds = _timeProvider.GetElapsedTime(started).TotalSeconds;
        return new EpochRecord(epoch, epochLoss.Value, examples, seconds);
    }

    /// <summary>One optimiser step on <paramref name="lossTensor"/>; returns the loss, refusing a non-finite one.</summary>
    private static double Step(AdamOptimizer optimizer, Tensor lossTensor, int epoch, long batchNumber)
    {
        double loss = lossTensor.item<float>();
        if (!double.IsFinite(loss))
        {
            throw new TrainingDivergedException(epoch, batchNumber);
        }
        optimizer.zero_grad();
        lossTensor.backward();
        optimizer.step();
        return loss;
    }

    private void Report(int epoch, long examples, WeightedMean recentLoss)
    {
        _progress?.Report(new TrainingProgress(epoch, _request.Training.Epochs, examples, _request.ExamplesPerEpoch, recentLoss.Value));
        recentLoss.Reset();
    }
}
