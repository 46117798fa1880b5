using TorchSharp;
using static TorchSharp.torch;
using CascadeDistill.Torch.Native;

namespace CascadeDistill.Torch.Losses;

/// <summary>
/// Bayesian personalised ranking on teacher pairs: <c>Σ_p w_p · −log σ(s_hi − s_lo) / Σ_p w_p</c>
/// (softplus form, stable for large differences). Its gradient pushes <c>s_hi</c> up and
/// <c>s_lo</c> down by <c>w_p·σ(s_lo − s_hi) / Σ w</c>.
/// </summary>
public static class BprLoss
{
    /// <param name="scoresHi"><c>[P]</c> student scores of the teacher's preferred items.</param>
    /// <param name="scoresLo"><c>[P]</c> student scores of the other items.</param>
    /// <param name="weights"><c>[P]</c> non-negative pair weights, or null for a plain mean.</param>
    public static Tensor Compute(Tensor scoresHi, Tensor scoresLo, Tensor? weights = null)
    {
        ArgumentNullException.ThrowIfNull(scoresHi);
        ArgumentNullException.ThrowIfNull(scoresLo);
        LossInputs.SameShape(scoresHi, scoresLo, nameof(scoresLo));
        Tensor perPair = ScalarArithmetic.Softplus(scoresLo - scoresHi);
        return LossInputs.WeightedMean(perPair, weights);
    }

    /// <summary>The same loss over a pair list indexing one score vector.</summary>
    /// <param name="scores"><c>[N]</c> student scores.</param>
    /// <param name="indexHi"><c>[P]</c> int64 indices into <paramref name="scores"/>.</param>
    /// <param name="indexLo"><c>[P]</c> int64 indices into <paramref name="scores"/>.</param>
    /// <param name="weights"><c>[P]</c> pair weights, or null.</param>
    public static Tensor Compute(Tensor scores, Tensor indexHi, Tensor indexLo, Tensor? weights)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(indexHi);
        ArgumentNullException.ThrowIfNull(indexLo);
        return Compute(scores.index_select(0, indexHi), scores.index_select(0, indexLo), weights);
    }
}
