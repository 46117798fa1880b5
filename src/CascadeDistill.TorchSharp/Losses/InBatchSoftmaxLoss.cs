using TorchSharp;
using static TorchSharp.torch;
using CascadeDistill.Torch.Native;

namespace CascadeDistill.Torch.Losses;

/// <summary>
/// In-batch (sampled) softmax with logQ correction for a two-tower recall student. Each row is a
/// request (its user); each column one distinct item of the batch. A row's logits are its scores
/// against every column; the columns that are the row's <b>own</b> candidates are kept as they are,
/// every other column is a sampled negative whose logit is corrected by <c>− log q_c</c>, q the
/// probability that the item appears in a batch (Yi et al. 2019). With q an inclusion probability,
/// <c>Σ_own e^s + Σ_other e^s / q</c> is an unbiased estimate of the full-catalogue partition function
/// (Horvitz–Thompson), so the loss approximates a softmax over the whole catalogue.
/// <para>
/// Per row: <c>L_r = −Σ_c t_rc · log softmax(ŝ_r)_c</c>, with <c>t_r</c> a distribution over the
/// row's own columns (the caller mixes the teacher's top K and <c>softmax(teacher / T)</c>, so the
/// distillation signal reaches this path). The loss is the mean over rows whose target has mass.
/// The gradient of a row with respect to its logits is <c>softmax(ŝ_r) · Σ_c t_rc − t_r</c>.
/// The caller puts target mass on own columns only: an item a row must rank up is never its negative.
/// An item appearing in several requests of the batch is one column, own for each of them and a
/// negative for the others, so an accidental hit is never a negative of the row it belongs to.
/// </para>
/// </summary>
public static class InBatchSoftmaxLoss
{
    /// <param name="scores"><c>[rows, columns]</c> student logits (<c>dot(u, v) / temperature</c>).</param>
    /// <param name="own"><c>[rows, columns]</c> boolean, true where the column is one of the row's own candidates.</param>
    /// <param name="target"><c>[rows, columns]</c> non-negative target mass, 0 off the own columns.</param>
    /// <param name="logQ"><c>[columns]</c> <c>log q</c> of each column's item, or null for no correction.</param>
    public static Tensor Compute(Tensor scores, Tensor own, Tensor target, Tensor? logQ)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(target);
        LossInputs.Lists(scores, own, nameof(scores));
        LossInputs.SameShape(scores, target, nameof(target));
        Tensor logits = scores;
        if (logQ is not null)
        {
            if (logQ.dim() != 1 || logQ.shape[0] != scores.shape[1])
            {
                throw new ArgumentException($"logQ must be [{scores.shape[1]}]; got [{string.Join(", ", logQ.shape)}].", nameof(logQ));
            }
            Tensor correction = logQ.detach().unsqueeze(0).expand(scores.shape[0], -1).FilledWhere(own, 0.0);
            logits = scores - correction;
        }
        Tensor perRow = -(target.detach() * logits.log_softmax(1)).sum(1);
        Tensor hasTarget = target.sum(1).GreaterThan(0).to_type(perRow.dtype);
        return (perRow * hasTarget).sum() / hasTarget.sum().AtLeast(1.0);
    }
}
