using CascadeDistill.Torch.Losses;
using TorchSharp;
using static CascadeDistill.Torch.Tests.Losses.LossTensors;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Losses;

public sealed class BprLossTests
{
    [Fact]
    public void Compute_WeightedPairs_HandComputed()
    {
        using DisposeScope scope = NewDisposeScope();
        // Pairs (2 vs 1, weight 1) and (0 vs 1, weight 3): −log σ(d) = log(1 + e^−d).
        double expected = ((1 * Softplus(-1)) + (3 * Softplus(1))) / 4;

        double actual = BprLoss.Compute(Vector(2, 0), Vector(1, 1), Vector(1, 3)).item<double>();

        Assert.Equal(expected, actual, 1e-12);
        Assert.Equal(1.0632616875182228, actual, 1e-9); // python3-torch 1.13: (−logsigmoid(hi − lo) · w).sum() / w.sum()
    }

    [Fact]
    public void Compute_NoWeights_IsThePlainMean()
    {
        using DisposeScope scope = NewDisposeScope();

        double actual = BprLoss.Compute(Vector(2, 0), Vector(1, 1)).item<double>();

        Assert.Equal((Softplus(-1) + Softplus(1)) / 2, actual, 1e-12);
    }

    [Fact]
    public void Compute_Gradient_PushesHiUpAndLoDown()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor hi = Leaf(0.3, -1.0);
        Tensor lo = Leaf(0.5, 2.0);

        BprLoss.Compute(hi, lo, Vector(1, 3)).backward();

        // ∂L/∂s_hi = −w σ(s_lo − s_hi) / Σ w; ∂L/∂s_lo is its negation.
        double[] expectedHi = [-1 * Sigmoid(0.2) / 4, -3 * Sigmoid(3.0) / 4];
        double[] gradHi = Gradient(hi);
        double[] gradLo = Gradient(lo);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(gradHi[i] < 0 && gradLo[i] > 0);
            Assert.Equal(expectedHi[i], gradHi[i], 1e-12);
            Assert.Equal(-expectedHi[i], gradLo[i], 1e-12);
        }
    }

    [Fact]
    public void Compute_PairIndices_EqualsGatheredScores()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor scores = Vector(0.1, 0.7, -0.4, 1.2);

        double byIndex = BprLoss.Compute(scores, tensor(new long[] { 3, 1 }), tensor(new long[] { 0, 2 }), Vector(2, 1)).item<double>();
        double byValue = BprLoss.Compute(Vector(1.2, 0.7), Vector(0.1, -0.4), Vector(2, 1)).item<double>();

        Assert.Equal(byValue, byIndex, 1e-12);
    }

    [Fact]
    public void Compute_ShapeMismatch_Throws()
    {
        using DisposeScope scope = NewDisposeScope();

        Assert.Throws<ArgumentException>(() => BprLoss.Compute(Vector(1, 2), Vector(1)));
    }
}
