using CascadeDistill.Torch.Losses;
using TorchSharp;
using static CascadeDistill.Torch.Tests.Losses.LossTensors;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Losses;

public sealed class UncertaintyWeightingTests
{
    [Fact]
    public void Forward_AtInitialisation_IsTheSumOfTheLosses()
    {
        using DisposeScope scope = NewDisposeScope();
        using var weighting = new UncertaintyWeighting(2);

        double total = weighting.forward(tensor(new float[] { 0.7f, 2.5f })).item<float>();

        Assert.Equal(3.2, total, 1e-6);
        Assert.Equal([1.0, 1.0], weighting.Weights());
    }

    [Fact]
    public void Forward_HandComputedWithSetLogVariances()
    {
        using DisposeScope scope = NewDisposeScope();
        using var weighting = new UncertaintyWeighting(2);
        using (no_grad())
        {
            weighting.LogVariances.copy_(tensor(new float[] { 0.5f, -1.0f }));
        }

        double total = weighting.forward(tensor(new float[] { 2f, 3f })).item<float>();

        Assert.Equal((Math.Exp(-0.5) * 2) + 0.5 + (Math.Exp(1.0) * 3) - 1.0, total, 1e-5);
    }

    [Fact]
    public void Training_DownWeightsTheNoisyLoss()
    {
        // One shared parameter θ fits two targets of value 1: a clean one and one observed with
        // N(0, 3²) noise (System.Random, seeded). The noisy loss stays large, so its weight falls.
        using var weighting = new UncertaintyWeighting(2);
        using var theta = new TorchSharp.Modules.Parameter(zeros(1, ScalarType.Float32));
        using var optimizer = optim.Adam([.. weighting.parameters(), theta], lr: 0.05);
        var random = new Random(11);
        for (int step = 0; step < 150; step++)
        {
            using DisposeScope scope = NewDisposeScope();
            double noise = 3.0 * Gaussian(random);
            Tensor clean = (theta - 1.0).pow(2).sum();
            Tensor noisy = (theta - (1.0 + noise)).pow(2).sum();
            optimizer.zero_grad();
            weighting.forward(stack([clean, noisy])).backward();
            optimizer.step();
        }

        double[] weights = weighting.Weights();
        Assert.True(weights[1] < weights[0], $"noisy weight {weights[1]} < clean weight {weights[0]}");
        Assert.True(weights[1] < 0.5, $"noisy weight {weights[1]} fell well below its initial 1");
    }

    [Fact]
    public void Forward_WrongLossCount_Throws()
    {
        using DisposeScope scope = NewDisposeScope();
        using var weighting = new UncertaintyWeighting(3);

        Assert.Throws<ArgumentException>(() => weighting.forward(Vector(1, 2)));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
