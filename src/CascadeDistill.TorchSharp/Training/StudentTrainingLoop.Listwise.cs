using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Torch.Losses;
using CascadeDistill.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// The list epoch (ListNet, LambdaNDCG, BPR): requests are rebuilt from the stream (<see cref="RequestListStream"/>), shuffled
/// per chunk-sized window with the epoch's seeded generator and packed into batches of whole requests
/// (<see cref="ListBatchPlanner"/>); per batch the loss is the objective's (StudentTrainingLoop.Ranking.cs),
/// e.g. <c>ListNetLoss(student scores, teacher logits, mask, T, position weights)</c>. The epoch loss is the
/// mean over lists; progress counts rows, as in the pointwise epoch.
/// </summary>
internal sealed partial class StudentTrainingLoop
{
    private EpochRecord RunListEpoch(int epoch, AdamOptimizer optimizer, UncertaintyWeighting? weighting, CancellationToken cancellationToken)
    {
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
                double loss;
                int rows;
                using (DisposeScope scope = NewDisposeScope())
                {
                    ListTrainingBatch batch = ListTrainingBatch.Create(lists, userFeatures, itemFeatures, _device);
                    Tensor scores = batch.Scores(_model);
                    Tensor lossTensor = ListLoss(batch, scores, weighting);
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
