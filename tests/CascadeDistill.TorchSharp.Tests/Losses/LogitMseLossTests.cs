using CascadeDistill.Torch.Losses;
using TorchSharp;
using static CascadeDistill.Torch.Tests.Losses.LossTensors;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Losses;

public sealed class LogitMseLossTests
{
    [Fact]
    public void Compute_HandComputed_WithAndWithoutWeights()
    {
        using DisposeScope scope = NewDisposeScope();

        // Differences 1, −2, 0.5 → squares 1, 4, 0.25.
        double plain = LogitMseLoss.Compute(Vector(1, 0, 2), Vector(0, 2, 1.5)).item<double>();
        double weighted = LogitMseLoss.Compute(Vector(1, 0, 2), Vector(0, 2, 1.5), Vector(1, 0.5, 2)).item<double>();

        Assert.Equal(5.25 / 3, plain, 1e-12);
        Assert.Equal(((1 * 1) + (0.5 * 4) + (2 * 0.25)) / 3.5, weighted, 1e-12);
    }

    [Fact]
    public void Compute_Gradient_IsTwiceTheDifferenceOverN()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor student = Leaf(1, 0);

        LogitMseLoss.Compute(student, Vector(0, 2)).backward();

        Assert.Equal([1.0, -2.0], Gradient(student));
    }
}
