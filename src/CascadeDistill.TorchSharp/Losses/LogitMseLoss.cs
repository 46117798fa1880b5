using static TorchSharp.torch;

namespace CascadeDistill.Torch.Losses;

/// <summary>Regression on the teacher's logits: <c>Σ w_i (z_s,i − z_t,i)² / Σ w_i</c> (plain mean without weights).</summary>
public static class LogitMseLoss
{
    public static Tensor Compute(Tensor studentLogits, Tensor teacherLogits, Tensor? weights = null)
    {
        ArgumentNullException.ThrowIfNull(studentLogits);
        ArgumentNullException.ThrowIfNull(teacherLogits);
        LossInputs.SameShape(studentLogits, teacherLogits, nameof(teacherLogits));
        Tensor difference = studentLogits - teacherLogits;
        return LossInputs.WeightedMean(difference * difference, weights);
    }
}
