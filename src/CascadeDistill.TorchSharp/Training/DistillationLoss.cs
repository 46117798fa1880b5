using CascadeDistill.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// The pointwise distillation loss: weighted binary cross-entropy on the hard label, mixed with
/// binary cross-entropy against the teacher's soft label,
/// <c>Σ w_i [(1-λ)·BCE(z_i, y_i) + λ·BCE(z_i, s_i)] / Σ w_i</c>.
/// The soft term is not scaled by T²: the soft labels arrive already softened
/// (<c>sigmoid(fused_logit / T)</c>) and the student's logit is not divided by T again, so its
/// gradient does not shrink with T and needs no compensation.
/// </summary>
public static class DistillationLoss
{
    /// <summary>Below this, the weight sum of a batch counts as zero (the loss is then zero).</summary>
    public const double MinWeightSum = 1e-12;

    /// <param name="logits"><c>[B]</c> student logits.</param>
    /// <param name="labels"><c>[B]</c> hard labels in [0, 1].</param>
    /// <param name="weights"><c>[B]</c> non-negative example weights.</param>
    /// <param name="softLabels"><c>[B]</c> soft labels in [0, 1]; required when <paramref name="softLabelWeight"/> &gt; 0.</param>
    /// <param name="softLabelWeight">λ in [0, 1].</param>
    /// <returns>A scalar tensor.</returns>
    public static Tensor Compute(Tensor logits, Tensor labels, Tensor weights, Tensor? softLabels, double softLabelWeight)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(softLabelWeight, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(softLabelWeight, 1.0);

        Tensor perExample = softLabelWeight < 1.0
            ? nn.functional.binary_cross_entropy_with_logits(logits, labels, null, nn.Reduction.None).Times(1.0 - softLabelWeight)
            : zeros_like(logits);
        if (softLabelWeight > 0.0)
        {
            ArgumentNullException.ThrowIfNull(softLabels);
            perExample = perExample.Plus(nn.functional.binary_cross_entropy_with_logits(logits, softLabels, null, nn.Reduction.None).Times(softLabelWeight));
        }
        return (perExample * weights).sum() / weights.sum().AtLeast(MinWeightSum);
    }
}
