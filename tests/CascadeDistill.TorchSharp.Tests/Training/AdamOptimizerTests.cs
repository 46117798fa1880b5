using CascadeDistill.Torch.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Training;

public sealed class AdamOptimizerTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void Step_TenStepsOnALeastSquaresProblem_MatchesTorchAdam(double weightDecay)
    {
        float[] ours = Train(weightDecay, useOurs: true);
        float[] reference = Train(weightDecay, useOurs: false);

        Assert.Equal(reference.Length, ours.Length);
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.True(Math.Abs(ours[i] - reference[i]) <= 1e-6, $"parameter {i}: ours {ours[i]} vs torch.optim.Adam {reference[i]}");
        }
        // The problem is not at its optimum after 10 steps of lr 0.05: the parameters moved from their start.
        Assert.True(Math.Abs(ours[0] - 0.5f) > 0.1f, $"parameter 0 did not move: {ours[0]}");
    }

    [Fact]
    public void Step_ParameterWithoutGradient_IsLeftUnchanged()
    {
        using var used = new Parameter(tensor(new float[] { 1f, 2f }));
        using var unused = new Parameter(tensor(new float[] { 3f }));
        using var optimizer = new AdamOptimizer([used, unused], learningRate: 0.1, weightDecay: 0);
        using (NewDisposeScope())
        {
            Tensor loss = (used * used).sum();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        Assert.Equal(3f, unused.data<float>()[0]);
        Assert.NotEqual(1f, used.data<float>()[0]);
        Assert.Equal(1, optimizer.Steps);
    }

    private static float[] Train(double weightDecay, bool useOurs)
    {
        float[] x = [1f, 2f, -1f, 0.5f, 3f, -2f];
        float[] y = [2f, 1f, 0f, 1.5f, -1f, 3f];
        using var w = new Parameter(tensor(new float[] { 0.5f, -0.25f }));
        using Tensor inputs = tensor(x, [3, 2]);
        using Tensor targets = tensor(y, [3, 2]);
        using AdamOptimizer? ours = useOurs ? new AdamOptimizer([w], learningRate: 0.05, weightDecay: weightDecay) : null;
        using Adam? reference = useOurs ? null : optim.Adam([w], lr: 0.05, weight_decay: weightDecay);
        for (int step = 0; step < 10; step++)
        {
            using (NewDisposeScope())
            {
                Tensor loss = ((inputs * w) - targets).pow(2).mean();
                if (ours is not null)
                {
                    ours.zero_grad();
                    loss.backward();
                    ours.step();
                }
                else
                {
                    reference!.zero_grad();
                    loss.backward();
                    reference.step();
                }
            }
        }
        return w.data<float>().ToArray();
    }
}
