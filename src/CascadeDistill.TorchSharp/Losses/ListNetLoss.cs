using CascadeDistill.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Losses;

/// <summary>
/// ListNet: per list, the cross-entropy of the student's softmax against the teacher's
/// distribution <c>p = softmax(z_t / T)</c>, optionally with per-item weights:
/// <c>L_list = −Σ_j w_j · p_j · log softmax(s)_j</c>, averaged over the lists that have at least one
/// item. With unit weights the gradient of a list is <c>softmax(s) − p</c>; with weights it is
/// <c>(Σ_j w_j p_j) · softmax(s) − w ∘ p</c>, i.e. each item's teacher mass counts <c>w_j</c> times
/// (position weights emphasise the head of the teacher's list). The temperature softens the
/// teacher only; the student's scores are used as they are.
/// <para>
/// Lists of different length are padded and described by a boolean mask: padded entries are
/// excluded from both softmaxes and from the sum, whatever value they hold (no sentinel score
/// that could collide with a real one). A list with no items contributes nothing.
/// </para>
/// </summary>
public static class ListNetLoss
{
    /// <param name="scores"><c>[lists, items]</c> student scores.</param>
    /// <param name="teacherLogits"><c>[lists, items]</c> teacher logits.</param>
    /// <param name="mask"><c>[lists, items]</c> boolean, true for real items.</param>
    /// <param name="temperature">T &gt; 0 applied to the teacher logits.</param>
    /// <param name="itemWeights"><c>[lists, items]</c> non-negative per-item weights, or null for 1.</param>
    public static Tensor Compute(Tensor scores, Tensor teacherLogits, Tensor mask, double temperature = 1.0, Tensor? itemWeights = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacherLogits);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        LossInputs.Lists(scores, mask, nameof(scores));
        LossInputs.SameShape(scores, teacherLogits, nameof(teacherLogits));

        Tensor padding = mask.logical_not();
        Tensor nonEmpty = mask.any(1, keepdim: true);
        Tensor teacherDistribution = MaskedSoftmax(teacherLogits.detach().DividedBy(temperature), padding, nonEmpty).exp().FilledWhere(padding, 0.0);
        Tensor perList = PerList(scores, teacherDistribution, mask, itemWeights);
        return perList.sum() / nonEmpty.sum().to_type(perList.dtype).AtLeast(1.0);
    }

    /// <summary>
    /// <c>[lists]</c>: per list, <c>−Σ_j w_j · target_j · log softmax(s)_j</c> over its real items (0 for a list
    /// with none); the caller chooses the target distribution and how lists are averaged.
    /// </summary>
    /// <param name="scores"><c>[lists, items]</c> student scores.</param>
    /// <param name="target"><c>[lists, items]</c> target mass, 0 on padding.</param>
    /// <param name="mask"><c>[lists, items]</c> boolean, true for real items.</param>
    /// <param name="itemWeights"><c>[lists, items]</c> non-negative per-item weights, or null for 1.</param>
    public static Tensor PerList(Tensor scores, Tensor target, Tensor mask, Tensor? itemWeights = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(mask);
        LossInputs.Lists(scores, mask, nameof(scores));
        LossInputs.SameShape(scores, target, nameof(target));

        Tensor padding = mask.logical_not();
        Tensor studentLogProbabilities = MaskedSoftmax(scores, padding, mask.any(1, keepdim: true)).FilledWhere(padding, 0.0);
        Tensor terms = target * studentLogProbabilities;
        if (itemWeights is not null)
        {
            LossInputs.SameShape(scores, itemWeights, nameof(itemWeights));
            terms *= itemWeights.FilledWhere(padding, 0.0);
        }
        return -terms.sum(1);
    }

    /// <summary>
    /// log-softmax over the real items of each list. Padded entries of non-empty lists become −∞
    /// (weight 0); an empty list keeps finite zeros so nothing turns NaN (its entries are masked later).
    /// </summary>
    private static Tensor MaskedSoftmax(Tensor values, Tensor padding, Tensor nonEmpty) =>
        values
            .FilledWhere(padding.logical_and(nonEmpty), double.NegativeInfinity)
            .FilledWhere(padding.logical_and(nonEmpty.logical_not()), 0.0)
            .log_softmax(1);
}
