using CascadeDistill.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Losses;

/// <summary>
/// The NDCG-targeting loss: LambdaRank's ΔNDCG-weighted pairwise logistic loss over lists, as
/// framed by LambdaLoss (Wang et al., 2018). For every pair of real items with grades
/// <c>g_i &gt; g_j</c> in a list,
/// <c>|ΔNDCG_ij| · log(1 + exp(−σ (s_i − s_j)))</c>, where
/// <c>|ΔNDCG_ij| = |G_i − G_j| · |D(r_i) − D(r_j)| / IDCG</c>, <c>G = 2^g − 1</c>,
/// <c>D(r) = 1 / log2(1 + r)</c> and <c>r</c> is the item's rank in the student's current order
/// (scores detached; ties broken by index). A list's loss is the sum over its pairs; the batch
/// loss is the mean over lists with a positive IDCG. Weights carry no gradient, so the gradient
/// is LambdaRank's lambdas: it pushes the higher-graded item of every pair up, most where swapping
/// would change NDCG most. Padding is a boolean mask, as in <see cref="ListNetLoss"/>.
/// </summary>
public static class LambdaNdcgLoss
{
    /// <param name="scores"><c>[lists, items]</c> student scores.</param>
    /// <param name="grades"><c>[lists, items]</c> non-negative graded relevance (float).</param>
    /// <param name="mask"><c>[lists, items]</c> boolean, true for real items.</param>
    /// <param name="sigma">σ &gt; 0, the logistic's steepness.</param>
    public static Tensor Compute(Tensor scores, Tensor grades, Tensor mask, double sigma = 1.0)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        LossInputs.Lists(scores, mask, nameof(scores));
        LossInputs.SameShape(scores, grades, nameof(grades));

        Tensor padding = mask.logical_not();
        Tensor realScores = scores.FilledWhere(padding, 0.0);
        Tensor weights = DeltaNdcg(scores.detach(), grades.detach().FilledWhere(padding, 0.0), mask, padding, out Tensor idealDcg);

        Tensor scoreDifference = realScores.unsqueeze(2) - realScores.unsqueeze(1);
        Tensor perPair = ScalarArithmetic.Softplus(scoreDifference.Times(-sigma));
        Tensor perList = (perPair * weights).sum([1, 2]);
        Tensor counted = idealDcg.GreaterThan(0.0);
        return perList.sum() / counted.sum().to_type(perList.dtype).AtLeast(1.0);
    }

    /// <summary><c>[lists, items, items]</c>: |ΔNDCG| for pairs with g_i &gt; g_j among real items, else 0.</summary>
    private static Tensor DeltaNdcg(Tensor scores, Tensor grades, Tensor mask, Tensor padding, out Tensor idealDcg)
    {
        long items = scores.shape[1];
        Tensor gains = grades.Times(Math.Log(2.0)).exp().Minus(1.0);

        Tensor order = scores.FilledWhere(padding, double.NegativeInfinity).sort(1, descending: true, stable: true).Indices;
        Tensor ranks = order.argsort(1).Plus(1L);
        Tensor discounts = ranks.to_type(scores.dtype).Plus(1.0).log2().reciprocal().FilledWhere(padding, 0.0);

        Tensor idealDiscounts = ScalarArithmetic.Range(2, items + 2, scores.dtype, scores.device).log2().reciprocal();
        idealDcg = (gains.sort(1, descending: true).Values * idealDiscounts).sum(1);

        Tensor gainGap = (gains.unsqueeze(2) - gains.unsqueeze(1)).abs();
        Tensor discountGap = (discounts.unsqueeze(2) - discounts.unsqueeze(1)).abs();
        Tensor pairs = grades.unsqueeze(2).gt(grades.unsqueeze(1))
            .logical_and(mask.unsqueeze(2))
            .logical_and(mask.unsqueeze(1));
        Tensor delta = gainGap * discountGap / idealDcg.AtLeast(LossInputs.MinWeightSum).unsqueeze(1).unsqueeze(2);
        return delta.FilledWhere(pairs.logical_not(), 0.0);
    }
}
