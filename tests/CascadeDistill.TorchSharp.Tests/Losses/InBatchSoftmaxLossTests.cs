using CascadeDistill.Torch.Losses;
using static CascadeDistill.Torch.Tests.Losses.LossTensors;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Losses;

public sealed class InBatchSoftmaxLossTests
{
    private static readonly double[] s_scores = [1, 2, 0, 0.5, -1, 1];
    private static readonly bool[] s_own = [true, false, false, false, true, true];
    private static readonly double[] s_target = [1, 0, 0, 0, 0.25, 0.75];
    private static readonly double[] s_q = [0.5, 0.25, 1.0];

    [Fact]
    public void Compute_HandComputedCase_CorrectsOnlyForeignColumnsAndAveragesRows()
    {
        Tensor scores = Matrix(s_scores, 2, 3).requires_grad_();

        Tensor loss = InBatchSoftmaxLoss.Compute(scores, Mask(s_own, 2, 3), Matrix(s_target, 2, 3), LogQ(s_q));
        loss.backward();

        // Row 0 owns column 0: columns 1 and 2 are negatives, corrected by −log q.
        double[] row0 = [1, 2 - Math.Log(0.25), 0 - Math.Log(1.0)];
        // Row 1 owns columns 1 and 2: column 0 is its negative.
        double[] row1 = [0.5 - Math.Log(0.5), -1, 1];
        double[] p0 = Softmax(row0);
        double[] p1 = Softmax(row1);
        double expected = (-Math.Log(p0[0]) - ((0.25 * Math.Log(p1[1])) + (0.75 * Math.Log(p1[2])))) / 2;
        Assert.Equal(expected, loss.item<double>(), 10);
        // d/ds = (softmax(ŝ) · Σ t − t) / rows
        double[] gradient = [.. p0.Select((p, c) => (p - s_target[c]) / 2), .. p1.Select((p, c) => (p - s_target[3 + c]) / 2)];
        Assert.Equal(gradient, Gradient(scores), new Tolerance(1e-10));
    }

    [Fact]
    public void Compute_LogQOfAnOwnColumn_IsIgnoredAndOfAForeignColumnCounts()
    {
        double Loss(double[] q) =>
            InBatchSoftmaxLoss.Compute(Matrix([1, 2, 0], 1, 3), Mask([true, false, false], 1, 3), Matrix([1, 0, 0], 1, 3), LogQ(q)).item<double>();

        double baseline = Loss([0.5, 0.25, 1.0]);

        Assert.Equal(baseline, Loss([0.01, 0.25, 1.0]), 12);
        Assert.NotEqual(baseline, Loss([0.5, 0.9, 1.0]), 6);
    }

    [Fact]
    public void Compute_MorePopularNegative_IsPushedDownLess()
    {
        double NegativeGradient(double q)
        {
            Tensor scores = Matrix([1, 1], 1, 2).requires_grad_();
            InBatchSoftmaxLoss.Compute(scores, Mask([true, false], 1, 2), Matrix([1, 0], 1, 2), LogQ([1.0, q])).backward();
            return Gradient(scores)[1];
        }

        double rare = NegativeGradient(0.01);
        double popular = NegativeGradient(0.9);

        // Two columns, equal scores: the negative's share is (1/q) / (1 + 1/q) = 1 / (1 + q).
        Assert.Equal(1 / 1.01, rare, 10);
        Assert.Equal(1 / 1.9, popular, 10);
    }

    [Fact]
    public void Compute_NoCorrection_IsPlainSoftmaxCrossEntropy()
    {
        Tensor loss = InBatchSoftmaxLoss.Compute(Matrix([1, 2, 0], 1, 3), Mask([true, false, false], 1, 3), Matrix([1, 0, 0], 1, 3), logQ: null);

        Assert.Equal(-Math.Log(Softmax(1, 2, 0)[0]), loss.item<double>(), 10);
    }

    [Fact]
    public void Compute_RowWithoutTarget_ContributesNothing()
    {
        Tensor scores = Matrix([1, 2, 0, 3, 3, 3], 2, 3).requires_grad_();

        Tensor loss = InBatchSoftmaxLoss.Compute(scores, Mask([true, false, false, false, false, false], 2, 3), Matrix([1, 0, 0, 0, 0, 0], 2, 3), LogQ(s_q));
        loss.backward();

        double[] corrected = [1, 2 - Math.Log(0.25), 0];
        Assert.Equal(-Math.Log(Softmax(corrected)[0]), loss.item<double>(), 10);
        Assert.Equal([0.0, 0.0, 0.0], Gradient(scores)[3..]);
    }

    [Fact]
    public void Compute_LogQOfWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            InBatchSoftmaxLoss.Compute(Matrix([1, 2, 0], 1, 3), Mask([true, false, false], 1, 3), Matrix([1, 0, 0], 1, 3), LogQ([0.5, 0.5])));
    }

    private static Tensor LogQ(double[] q) => Vector([.. q.Select(v => Math.Log(v))]);
}
