using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Torch.Losses;
using CascadeDistill.Training;
using CascadeDistill.Training.Sampling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// The in-batch softmax epoch (recall students): requests rebuilt from the stream and packed into
/// batches of whole requests as in the ListNet epoch; per batch the user tower runs once per request,
/// the item tower once per distinct item, and the loss is
/// <c>InBatchSoftmaxLoss(scores, own, target, log q)</c> (<see cref="InBatchTrainingBatch"/>). One
/// frequency estimator lives for the whole run; its step is the batch number counted across epochs,
/// so later epochs correct with the estimates warmed up by the earlier ones. The epoch loss is the
/// mean over requests.
/// </summary>
internal sealed partial class StudentTrainingLoop
{
    private ItemFrequencyEstimator? _frequencies;
    private long _inBatchStep;

    private EpochRecord RunInBatchEpoch(int epoch, AdamOptimizer optimizer, UncertaintyWeighting? weighting, CancellationToken cancellationToken)
    {
        InBatchDefinition definition = _request.InBatch
            ?? throw new InvalidOperationException("The in-batch objective needs TrainStudentRequest.InBatch.");
        _frequencies ??= new ItemFrequencyEstimator(definition.FrequencyBuckets, definition.FrequencyAlpha);
        long started = _timeProvider.GetTimestamp();
        Random random = EpochShuffle.ForEpoch(_request.Training.Seed, epoch);
        IReadOnlyList<FeatureDefinition> userFeatures = _model.User.Features;
        IReadOnlyList<FeatureDefinition> itemFeatures = _model.Item.Features;
        var epochLoss = new WeightedMean();
        var recentLoss = new WeightedMean();
        long examples = 0;
        long batchNumber = 0;
        IEnumerable<DatasetChunk> chunks = _request.ReadEpoch(epoch, cancellationToken).Select(chunk =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            DatasetChunkValidator.Validate(chunk, requiresSoftLabels: false, epoch);
            return chunk;
        });

        foreach (IReadOnlyList<RequestList> window in RequestListStream.Windows(chunks))
        {
            foreach (RequestList[] lists in ListBatchPlanner.Pack(window, random, _request.Training.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                batchNumber++;
                _inBatchStep++;
                double loss;
                int rows;
                using (DisposeScope scope = NewDisposeScope())
                {
                    InBatchTrainingBatch batch = InBatchTrainingBatch.Create(
                        lists, userFeatures, itemFeatures, definition, _frequencies, _inBatchStep, _device, InBatchGroundTruthWeight > 0);
                    Tensor scores = batch.Scores(_model);
                    Tensor lossTensor = InBatchLoss(batch, scores, InBatchSoftmaxLoss.Compute(scores, batch.Own, batch.Target, definition.LogQCorrection ? batch.LogQ : null), weighting);
                    loss = Step(optimizer, lossTensor, epoch, batchNumber);
                    rows = batch.Rows;
                }
                examples += rows;
                epochLoss.Add(loss, lists.Length);
                recentLoss.Add(loss, lists.Length);
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
}
