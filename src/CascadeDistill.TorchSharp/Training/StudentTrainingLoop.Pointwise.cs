using CascadeDistill.Torch.Native;
using CascadeDistill.Pipelines;
using CascadeDistill.Torch.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// The pointwise loss chosen by <c>training.distillation_loss</c>, with λ = <c>training.soft_label_weight</c>:
/// <list type="bullet">
/// <item><c>bce</c> (default): <see cref="DistillationLoss"/>, <c>Σ w [(1−λ)·BCE(z, y) + λ·BCE(z, s)] / Σ w</c> on the dataset's soft label s;</item>
/// <item><c>soft_target</c>: <c>(1−λ)·BCE_w(z, y) + λ·SoftTargetLoss(z, z_t, T, T²?, w)</c>;</item>
/// <item><c>logit_mse</c>: <c>(1−λ)·BCE_w(z, y) + λ·LogitMseLoss(z, z_t, w)</c>;</item>
/// </list>
/// z_t the fused teacher logit of the row, w its weight, <c>BCE_w</c> the w-weighted mean BCE on the hard label.
/// </summary>
internal sealed partial class StudentTrainingLoop
{
    private DistillationLossDefinition? TeacherLoss => _request.Training.DistillationLoss is { Name: not DistillationLossDefinition.Bce } loss ? loss : null;

    /// <summary>True when the teacher term reads the fused teacher logit instead of the soft label.</summary>
    private bool ReadsTeacherLogits => TeacherLoss is not null;

    private Tensor PointwiseLoss(TrainingBatch batch, Tensor logits, double lambda)
    {
        if (TeacherLoss is not DistillationLossDefinition loss || lambda <= 0)
        {
            return DistillationLoss.Compute(logits, batch.Labels, batch.Weights, batch.SoftLabels, lambda);
        }
        Tensor teacher = batch.TeacherLogits ?? throw new InvalidOperationException("The batch carries no teacher logits.");
        Tensor teacherTerm = loss.Name switch
        {
            DistillationLossDefinition.SoftTarget => SoftTargetLoss.Compute(
                logits, teacher, loss.Temperature ?? throw new InvalidOperationException("soft_target needs a temperature."),
                loss.TemperatureSquared ?? throw new InvalidOperationException("soft_target needs temperature_squared."), batch.Weights),
            DistillationLossDefinition.LogitMse => LogitMseLoss.Compute(logits, teacher, batch.Weights),
            _ => throw new InvalidOperationException($"Unknown distillation loss '{loss.Name}'."),
        };
        if (lambda >= 1.0)
        {
            return teacherTerm;
        }
        Tensor hard = DistillationLoss.Compute(logits, batch.Labels, batch.Weights, null, 0.0);
        return hard.Times(1.0 - lambda).Plus(teacherTerm.Times(lambda));
    }
}
