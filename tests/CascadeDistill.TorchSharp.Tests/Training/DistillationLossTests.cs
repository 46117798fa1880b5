using CascadeDistill.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Training;

public sealed class DistillationLossTests
{
    // Two examples: logit 0 (p = 1/2) with label 1, soft 1/2, weight 1; logit ln 3 (p = 3/4)
    // with label 0, soft 1/4, weight 3. BCE(p, t) = -(t ln p + (1 - t) ln(1 - p)).
    private static readonly double s_hard0 = Math.Log(2);
    private static readonly double s_soft0 = Math.Log(2);
    private static readonly double s_hard1 = Math.Log(4);
    private static readonly double s_soft1 = -((0.25 * Math.Log(0.75)) + (0.75 * Math.Log(0.25)));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Compute_HandCheckedExamples_MixesHardAndSoftTermsByWeight(double lambda)
    {
        double expected = ((1 * (((1 - lambda) * s_hard0) + (lambda * s_soft0)))
            + (3 * (((1 - lambda) * s_hard1) + (lambda * s_soft1)))) / 4;

        double actual = Evaluate([0f, (float)Math.Log(3)], [1f, 0f], [1f, 3f], [0.5f, 0.25f], lambda);

        Assert.Equal(expected, actual, 1e-5);
    }

    [Fact]
    public void Compute_SoftLabelWeightZero_IgnoresSoftLabels()
    {
        double withSoft = Evaluate([0.3f, -1.2f], [1f, 0f], [1f, 1f], [0.9f, 0.9f], 0);
        double otherSoft = Evaluate([0.3f, -1.2f], [1f, 0f], [1f, 1f], [0.1f, 0.2f], 0);

        Assert.Equal(withSoft, otherSoft);
    }

    [Fact]
    public void Compute_SoftLabelsAgreeingWithPrediction_LowerTheLossOfAWrongHardLabel()
    {
        // The student says p = 3/4; the hard label says 0 and the teacher says 3/4: mixing in the
        // teacher moves the target toward the prediction, so the loss falls as λ grows.
        double hardOnly = Evaluate([(float)Math.Log(3)], [0f], [1f], [0.75f], 0);
        double mixed = Evaluate([(float)Math.Log(3)], [0f], [1f], [0.75f], 0.5);
        double softOnly = Evaluate([(float)Math.Log(3)], [0f], [1f], [0.75f], 1);

        Assert.True(hardOnly > mixed && mixed > softOnly, $"{hardOnly} > {mixed} > {softOnly}");
    }

    [Fact]
    public void Compute_AllWeightsZero_IsZero()
    {
        Assert.Equal(0.0, Evaluate([0.5f, 2f], [1f, 0f], [0f, 0f], [0.5f, 0.5f], 0.5));
    }

    [Fact]
    public void Compute_SoftLabelWeightOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluate([0f], [1f], [1f], [0.5f], 1.5));
    }

    private static double Evaluate(float[] logits, float[] labels, float[] weights, float[] soft, double lambda)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor loss = DistillationLoss.Compute(tensor(logits), tensor(labels), tensor(weights), tensor(soft), lambda);
        return loss.item<float>();
    }
}
