using CascadeDistill.Torch.Losses;
using static CascadeDistill.Torch.Tests.Losses.LossTensors;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Losses;

/// <summary>
/// Two rows, two heads (click, finish): logits s = [[0.5, -1], [2, 0]], fusion weights [1, 0.5] (fused
/// logits [0, 2]), hard labels [1, 0], row weights [2, 1], soft labels p = [[0.7, 0.2], [0.4, 0.9]].
/// BCE(z, t) = softplus(z) − t·z.
/// </summary>
public sealed class HeadDistillationLossTests
{
    private static readonly double[] s_logits = [0.5, -1.0, 2.0, 0.0];
    private static readonly double[] s_soft = [0.7, 0.2, 0.4, 0.9];

    private static double Bce(double z, double t) => Softplus(z) - (t * z);

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Compute_HandComputedCase_MatchesFormula(double lambda)
    {
        double row0 = ((1 - lambda) * Bce(0.0, 1)) + (lambda * (Bce(0.5, 0.7) + Bce(-1.0, 0.2)) / 2);
        double row1 = ((1 - lambda) * Bce(2.0, 0)) + (lambda * (Bce(2.0, 0.4) + Bce(0.0, 0.9)) / 2);
        double expected = ((2 * row0) + row1) / 3;

        using Tensor loss = Compute(Matrix(s_logits, 2, 2), s_soft, lambda);

        Assert.Equal(expected, loss.item<double>(), 10);
    }

    [Fact]
    public void Compute_Lambda025_MatchesValueWorkedByHand()
    {
        // Row 0: 0.75·ln 2 + 0.25·(0.624077 + 0.513262)/2 = 0.662027; row 1: 0.75·2.126928 + 0.25·(1.326928 + 0.693147)/2 = 1.847705.
        using Tensor loss = Compute(Matrix(s_logits, 2, 2), s_soft, 0.25);

        Assert.Equal((2 * 0.662027 + 1.847705) / 3, loss.item<double>(), 5);
    }

    [Fact]
    public void Compute_Gradient_EachHeadPulledTowardsItsOwnSoftLabelAndTheFusedLabel()
    {
        using Tensor logits = Matrix(s_logits, 2, 2).requires_grad_();
        using Tensor loss = Compute(logits, s_soft, 0.25);
        loss.backward();

        double[] gradient = Gradient(logits);
        double[] fusion = [1.0, 0.5];
        double[] labels = [1, 0];
        double[] fused = [0.0, 2.0];
        double[] weights = [2, 1];
        for (int row = 0; row < 2; row++)
        {
            for (int head = 0; head < 2; head++)
            {
                double expected = weights[row] / 3
                    * ((0.75 * (Sigmoid(fused[row]) - labels[row]) * fusion[head]) + (0.25 / 2 * (Sigmoid(s_logits[(row * 2) + head]) - s_soft[(row * 2) + head])));
                Assert.Equal(expected, gradient[(row * 2) + head], 10);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Compute_OneHeadsSoftLabelsChange_LossAndThatHeadsGradientChange(int head)
    {
        double[] changed = [.. s_soft];
        changed[head] = 0.05;
        changed[2 + head] = 0.95;

        using Tensor first = Matrix(s_logits, 2, 2).requires_grad_();
        using Tensor second = Matrix(s_logits, 2, 2).requires_grad_();
        using Tensor a = Compute(first, s_soft, 1.0);
        using Tensor b = Compute(second, changed, 1.0);
        a.backward();
        b.backward();

        Assert.NotEqual(a.item<double>(), b.item<double>(), 6);
        double[] ga = Gradient(first);
        double[] gb = Gradient(second);
        Assert.NotEqual(ga[head], gb[head], 6);
        Assert.NotEqual(ga[2 + head], gb[2 + head], 6);
        // The other head's gradient does not depend on this head's targets.
        Assert.Equal(ga[1 - head], gb[1 - head], 12);
    }

    [Fact]
    public void Compute_MismatchedShapes_Throws()
    {
        Assert.Throws<ArgumentException>(() => Compute(Matrix(s_logits, 2, 2), [0.5, 0.5], 0.5, softRows: 1));
    }

    private static Tensor Compute(Tensor logits, double[] soft, double lambda, long softRows = 2)
    {
        using Tensor fusion = Vector(1.0, 0.5);
        using Tensor labels = Vector(1, 0);
        using Tensor weights = Vector(2, 1);
        using Tensor softLabels = Matrix(soft, softRows, 2);
        return HeadDistillationLoss.Compute(logits, fusion, labels, weights, softLabels, lambda);
    }
}
