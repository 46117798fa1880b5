namespace CascadeDistill.Pipelines;

/// <summary>
/// The <c>training.distillation_loss</c> section (pointwise recipe): which loss carries the teacher's
/// share λ = <c>training.soft_label_weight</c> of <c>(1 − λ)·BCE(hard) + λ·L_teacher</c>.
/// <list type="bullet">
/// <item><c>bce</c> (the default, also when the section is absent): BCE against the dataset's soft label
/// <c>sigmoid(fused / T)</c> (<c>dataset.soft_label</c>), the student's logit not divided by T;</item>
/// <item><c>soft_target</c>: Hinton's soft targets, BCE of <c>σ(z_s / T)</c> against <c>σ(z_t / T)</c> on the fused
/// teacher logit <c>z_t</c>, multiplied by T² or not: <see cref="TemperatureSquared"/> must be stated;</item>
/// <item><c>logit_mse</c>: regression on the fused teacher logit, <c>(z_s − z_t)²</c>.</item>
/// </list>
/// Every term is weighted by the rows' position weights, as the hard term is.
/// </summary>
/// <param name="Name"><c>bce</c>, <c>soft_target</c> or <c>logit_mse</c>.</param>
/// <param name="Temperature">With <c>soft_target</c>, T &gt; 0; null otherwise.</param>
/// <param name="TemperatureSquared">With <c>soft_target</c>, whether the term is multiplied by T²; null otherwise.</param>
public sealed record DistillationLossDefinition(string Name, double? Temperature = null, bool? TemperatureSquared = null)
{
    /// <summary>BCE against the dataset's soft label (today's behaviour).</summary>
    public const string Bce = "bce";

    /// <summary>Hinton's soft targets on the fused teacher logit.</summary>
    public const string SoftTarget = "soft_target";

    /// <summary>MSE on the fused teacher logit.</summary>
    public const string LogitMse = "logit_mse";
}
