using CascadeDistill.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Losses;

/// <summary>
/// Hinton's soft-target loss for a binary (click-style) logit: both logits are softened by the
/// temperature and the student matches the teacher's softened probability,
/// <c>c · Σ w_i BCE(σ(z_s,i / T), σ(z_t,i / T)) / Σ w_i</c> with <c>c = T²</c> or 1.
/// <para>
/// Why T² is a choice the caller must make: the gradient with respect to <c>z_s</c> is
/// <c>(σ(z_s/T) − σ(z_t/T)) / T</c>, and near the origin <c>σ(a/T) − σ(b/T) ≈ (a − b) / (4T)</c>,
/// so it shrinks as <c>1/T²</c>. Mixed with a ground-truth loss, an unscaled soft term therefore
/// fades as T grows; Hinton et al. multiply it by T² to keep its share of the gradient roughly
/// independent of T. Some implementations forget this silently, so there is no default here.
/// </para>
/// <para>
/// (The pointwise trainer's <c>DistillationLoss</c> does not divide the student logit by T; its
/// soft labels arrive pre-softened, so its gradient does not shrink and it needs no T².)
/// </para>
/// </summary>
public static class SoftTargetLoss
{
    /// <param name="studentLogits"><c>[B]</c> student logits.</param>
    /// <param name="teacherLogits"><c>[B]</c> teacher logits.</param>
    /// <param name="temperature">T &gt; 0; 1 means no softening.</param>
    /// <param name="scaleByTemperatureSquared">Multiply by T² (Hinton) so the gradient does not shrink as 1/T².</param>
    /// <param name="weights"><c>[B]</c> example weights, or null.</param>
    public static Tensor Compute(
        Tensor studentLogits, Tensor teacherLogits, double temperature, bool scaleByTemperatureSquared, Tensor? weights = null)
    {
        ArgumentNullException.ThrowIfNull(studentLogits);
        ArgumentNullException.ThrowIfNull(teacherLogits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        if (!double.IsFinite(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be finite.");
        }
        LossInputs.SameShape(studentLogits, teacherLogits, nameof(teacherLogits));

        Tensor target = sigmoid(teacherLogits.detach().DividedBy(temperature));
        Tensor perExample = nn.functional.binary_cross_entropy_with_logits(
            studentLogits.DividedBy(temperature), target, null, nn.Reduction.None);
        Tensor loss = LossInputs.WeightedMean(perExample, weights);
        return scaleByTemperatureSquared ? loss.Times(temperature * temperature) : loss;
    }
}
