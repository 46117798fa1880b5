using CascadeDistill.Torch.Losses;
using TorchSharp;
using static CascadeDistill.Torch.Tests.Losses.LossTensors;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Losses;

public sealed class LambdaNdcgLossTests
{
    // One list: scores 0.5, 2.0, 1.0 (student ranks 3, 1, 2), grades 2, 0, 1 (gains 3, 0, 1).
    // IDCG = 3 + 1/log2 3. Pairs with g_i > g_j: (0, 1), (0, 2), (2, 1).
    [Fact]
    public void Compute_OneList_HandComputed()
    {
        using DisposeScope scope = NewDisposeScope();
        double d1 = 1, d2 = 1 / Math.Log2(3), d3 = 0.5;
        double idcg = 3 + d2;
        double expected = ((3 * (d1 - d3) * Softplus(-(0.5 - 2.0)))
            + (2 * (d2 - d3) * Softplus(-(0.5 - 1.0)))
            + (1 * (d1 - d2) * Softplus(-(1.0 - 2.0)))) / idcg;

        double actual = LambdaNdcgLoss.Compute(Matrix([0.5, 2.0, 1.0], 1, 3), Matrix([2, 0, 1], 1, 3), AllTrue(1, 3)).item<double>();

        Assert.Equal(expected, actual, 1e-12);
        Assert.Equal(0.9066209687395753, actual, 1e-9); // python3-torch 1.13, an independent loop over pairs
    }

    [Fact]
    public void Compute_Gradient_PushesHigherGradesUp()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor scores = Matrix([0.5, 2.0, 1.0], 1, 3).requires_grad_();

        LambdaNdcgLoss.Compute(scores, Matrix([2, 0, 1], 1, 3), AllTrue(1, 3)).backward();

        double[] grad = Gradient(scores);
        Assert.True(grad[0] < 0, "the best item, ranked last, is pushed up");
        Assert.True(grad[1] > 0, "the grade-0 item, ranked first, is pushed down");
        // python3-torch 1.13 (independent loop): −0.38264541, 0.41206352, −0.02941811.
        Assert.Equal([-0.38264541102974786, 0.4120635169511263, -0.029418105921378453], grad, new Tolerance(1e-9));
    }

    [Fact]
    public void Compute_Padding_ChangesNothing()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor padded = Matrix([0.5, 2.0, 1.0, 9.0, 0.2, -0.3, double.NaN, 4.0], 2, 4).requires_grad_();
        Tensor grades = Matrix([2, 0, 1, 7, 1, 0, 3, 3], 2, 4);
        Tensor mask = Mask([true, true, true, false, true, true, false, false], 2, 4);

        Tensor loss = LambdaNdcgLoss.Compute(padded, grades, mask);
        loss.backward();

        double a = LambdaNdcgLoss.Compute(Matrix([0.5, 2.0, 1.0], 1, 3), Matrix([2, 0, 1], 1, 3), AllTrue(1, 3)).item<double>();
        double b = LambdaNdcgLoss.Compute(Matrix([0.2, -0.3], 1, 2), Matrix([1, 0], 1, 2), AllTrue(1, 2)).item<double>();
        Assert.Equal((a + b) / 2, loss.item<double>(), 1e-12);
        double[] grad = Gradient(padded);
        Assert.Equal([0.0, 0.0, 0.0], new[] { grad[3], grad[6], grad[7] });
        Assert.All(grad, g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void Compute_ListWithoutRelevance_IsLeftOutOfTheMean()
    {
        using DisposeScope scope = NewDisposeScope();

        double both = LambdaNdcgLoss.Compute(Matrix([0.5, 2.0, 1.0, 1, 2, 3], 2, 3), Matrix([2, 0, 1, 0, 0, 0], 2, 3), AllTrue(2, 3)).item<double>();
        double alone = LambdaNdcgLoss.Compute(Matrix([0.5, 2.0, 1.0], 1, 3), Matrix([2, 0, 1], 1, 3), AllTrue(1, 3)).item<double>();

        Assert.Equal(alone, both, 1e-12);
    }

    [Fact]
    public void Compute_PerfectOrderWithWideMargins_IsNearZero()
    {
        using DisposeScope scope = NewDisposeScope();

        double loss = LambdaNdcgLoss.Compute(Matrix([30, 20, 10], 1, 3), Matrix([2, 1, 0], 1, 3), AllTrue(1, 3)).item<double>();

        Assert.InRange(loss, 0.0, 1e-4);
    }

    private static Tensor AllTrue(long lists, long items) => ones(lists, items, ScalarType.Bool);
}
