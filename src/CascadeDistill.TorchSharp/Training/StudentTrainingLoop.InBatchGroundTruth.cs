using CascadeDistill.Torch.Native;
using CascadeDistill.Torch.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// The ground-truth term of the in-batch path (<c>training.ground_truth</c> with the inbatch recipe): a mean
/// BCE of the in-batch logits <c>dot(u, v) / τ</c> of each request's own shown candidates against their logged
/// labels (<see cref="InBatchTrainingBatch.GroundTruthCells"/>), mixed as on the list path:
/// <c>L = L_softmax + w · BCE</c>, or <c>UncertaintyWeighting([L_softmax, BCE])</c>. The softmax only ranks the
/// items within a request's row; the BCE also puts every request's scores on one scale, which a pooled
/// click AUC measures.
/// </summary>
internal sealed partial class StudentTrainingLoop
{
    private double InBatchGroundTruthWeight => _request.Ranking?.GroundTruthWeight ?? 0;

    private Tensor InBatchLoss(InBatchTrainingBatch batch, Tensor scores, Tensor softmax, UncertaintyWeighting? weighting)
    {
        double weight = InBatchGroundTruthWeight;
        if (weight <= 0)
        {
            return softmax;
        }
        Tensor groundTruth = batch.GroundTruthCells is Tensor cells && batch.GroundTruthLabels is Tensor labels
            ? nn.functional.binary_cross_entropy_with_logits(scores.reshape(-1).index_select(0, cells), labels)
            : zeros_like(softmax);
        return weighting is null
            ? softmax.Plus(groundTruth.Times(weight))
            : weighting.forward(stack([softmax, groundTruth]));
    }
}
