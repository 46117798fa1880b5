using CascadeDistill.Torch.Losses;
using TorchSharp;
using static CascadeDistill.Torch.Tests.Losses.LossTensors;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Losses;

public sealed class SoftTargetLossTests
{
    [Fact]
    public void Compute_HandComputedAtTemperatureTwo()
    {
        using DisposeScope scope = NewDisposeScope();
        double expected = (Bce(1 / 2.0, Sigmoid(3 / 2.0)) + Bce(-2 / 2.0, Sigmoid(0))) / 2;

        double actual = SoftTargetLoss.Compute(Vector(1, -2), Vector(3, 0), 2.0, scaleByTemperatureSquared: false).item<double>();

        Assert.Equal(expected, actual, 1e-12);
        Assert.Equal(0.6892757168007538, actual, 1e-9); // python3-torch 1.13: BCE-with-logits(z_s/T, σ(z_t/T))
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(5.0)]
    public void Compute_ScaleByTemperatureSquared_MultipliesLossAndGradientByExactlyTSquared(double temperature)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor plainLeaf = Leaf(0.4, -1.3, 2.2);
        Tensor scaledLeaf = Leaf(0.4, -1.3, 2.2);
        Tensor teacher = Vector(1.5, 0.2, -0.7);

        Tensor plain = SoftTargetLoss.Compute(plainLeaf, teacher, temperature, scaleByTemperatureSquared: false, Vector(1, 2, 1));
        Tensor scaled = SoftTargetLoss.Compute(scaledLeaf, teacher, temperature, scaleByTemperatureSquared: true, Vector(1, 2, 1));
        plain.backward();
        scaled.backward();

        double t2 = temperature * temperature;
        Assert.Equal(plain.item<double>() * t2, scaled.item<double>(), 1e-12);
        double[] plainGrad = Gradient(plainLeaf);
        double[] scaledGrad = Gradient(scaledLeaf);
        for (int i = 0; i < plainGrad.Length; i++)
        {
            Assert.Equal(plainGrad[i] * t2, scaledGrad[i], 1e-12);
        }
    }

    [Fact]
    public void Compute_WithoutScaling_GradientShrinksLikeOneOverTSquared_WithScalingItDoesNot()
    {
        using DisposeScope scope = NewDisposeScope();
        double atOne = GradientNorm(1.0, scale: false);
        double unscaledAtFour = GradientNorm(4.0, scale: false);
        double scaledAtFour = GradientNorm(4.0, scale: true);

        // Small logits: σ(a/T) − σ(b/T) ≈ (a − b)/(4T), so the unscaled gradient falls ≈ 16×.
        Assert.InRange(atOne / unscaledAtFour, 14.0, 17.0);
        Assert.InRange(scaledAtFour / atOne, 0.85, 1.15);
    }

    [Fact]
    public void Compute_Gradient_PullsStudentTowardTeacher()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor student = Leaf(-1.0, 2.0);

        SoftTargetLoss.Compute(student, Vector(1.0, 0.0), 3.0, scaleByTemperatureSquared: true).backward();

        double[] grad = Gradient(student);
        Assert.True(grad[0] < 0, "below the teacher: pushed up");
        Assert.True(grad[1] > 0, "above the teacher: pushed down");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Compute_InvalidTemperature_Throws(double temperature)
    {
        using DisposeScope scope = NewDisposeScope();

        Assert.Throws<ArgumentOutOfRangeException>(() => SoftTargetLoss.Compute(Vector(0), Vector(0), temperature, true));
    }

    private static double GradientNorm(double temperature, bool scale)
    {
        Tensor student = Leaf(0.2, -0.1, 0.05);
        SoftTargetLoss.Compute(student, Vector(-0.1, 0.2, 0.3), temperature, scale).backward();
        return Math.Sqrt(Gradient(student).Sum(g => g * g));
    }

    private static double Bce(double logit, double target) =>
        -((target * Math.Log(Sigmoid(logit))) + ((1 - target) * Math.Log(1 - Sigmoid(logit))));
}
