using CascadeDistill.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Losses;

/// <summary>
/// The loss of a per-objective-heads student (pointwise): each head k is distilled from its own
/// objective's soft label <c>p_k = sigmoid(teacher_k / T)</c>, and the fused logit
/// <c>f = Σ_k w_k · s_k</c> (fusion weights w) learns the hard label of the fused teacher's top K:
/// <c>Σ_i w_i [(1-λ)·BCE(f_i, y_i) + λ·(1/K)·Σ_k BCE(s_ik, p_ik)] / Σ_i w_i</c>.
/// Like the single-head <c>DistillationLoss</c>, the soft labels arrive softened and the student's
/// logits are not divided by T, so no T² factor applies.
/// </summary>
public static class HeadDistillationLoss
{
    /// <param name="headLogits"><c>[B, K]</c> per-head student logits <c>s_ik</c>.</param>
    /// <param name="fusionWeights"><c>[K]</c> fusion weights.</param>
    /// <param name="labels"><c>[B]</c> hard labels in [0, 1].</param>
    /// <param name="weights"><c>[B]</c> non-negative example weights.</param>
    /// <param name="headSoftLabels"><c>[B, K]</c> per-objective soft labels in [0, 1].</param>
    /// <param name="softLabelWeight">λ in [0, 1].</param>
    /// <returns>A scalar tensor.</returns>
    public static Tensor Compute(Tensor headLogits, Tensor fusionWeights, Tensor labels, Tensor weights, Tensor headSoftLabels, double softLabelWeight)
    {
        ArgumentNullException.ThrowIfNull(headLogits);
        ArgumentNullException.ThrowIfNull(fusionWeights);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(headSoftLabels);
        ArgumentOutOfRangeException.ThrowIfLessThan(softLabelWeight, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(softLabelWeight, 1.0);
        if (headLogits.dim() != 2 || !headLogits.shape.SequenceEqual(headSoftLabels.shape) || fusionWeights.shape[0] != headLogits.shape[1])
        {
            throw new ArgumentException(
                $"Head logits [{string.Join(", ", headLogits.shape)}], soft labels [{string.Join(", ", headSoftLabels.shape)}] and fusion weights [{string.Join(", ", fusionWeights.shape)}] do not match.");
        }

        Tensor fused = (headLogits * fusionWeights.unsqueeze(0)).sum(1);
        Tensor perExample = softLabelWeight < 1.0
            ? nn.functional.binary_cross_entropy_with_logits(fused, labels, null, nn.Reduction.None).Times(1.0 - softLabelWeight)
            : zeros_like(fused);
        if (softLabelWeight > 0.0)
        {
            Tensor heads = nn.functional.binary_cross_entropy_with_logits(headLogits, headSoftLabels, null, nn.Reduction.None).mean([1]);
            perExample = perExample.Plus(heads.Times(softLabelWeight));
        }
        return (perExample * weights).sum() / weights.sum().AtLeast(Training.DistillationLoss.MinWeightSum);
    }
}
