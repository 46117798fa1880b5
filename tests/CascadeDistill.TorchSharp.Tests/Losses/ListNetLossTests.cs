using CascadeDistill.Torch.Losses;
using TorchSharp;
using static CascadeDistill.Torch.Tests.Losses.LossTensors;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Losses;

public sealed class ListNetLossTests
{
    [Fact]
    public void Compute_OneList_HandComputed()
    {
        using DisposeScope scope = NewDisposeScope();
        double[] teacher = Softmax(0 / 2.0, 1 / 2.0, 0 / 2.0);
        double[] student = Softmax(1, 2, 3);
        double expected = -Enumerable.Range(0, 3).Sum(j => teacher[j] * Math.Log(student[j]));

        double actual = ListNetLoss.Compute(Matrix([1, 2, 3], 1, 3), Matrix([0, 1, 0], 1, 3), AllTrue(1, 3), temperature: 2.0).item<double>();

        Assert.Equal(expected, actual, 1e-12);
        Assert.Equal(1.4076059644443808, actual, 1e-9); // python3-torch 1.13: −(softmax(z_t/T)·log_softmax(s)).sum()
    }

    [Fact]
    public void Compute_Gradient_IsStudentSoftmaxMinusTeacherDistribution()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor scores = Matrix([1, 2, 3], 1, 3).requires_grad_();

        ListNetLoss.Compute(scores, Matrix([0, 1, 0], 1, 3), AllTrue(1, 3), temperature: 2.0).backward();

        double[] expected = [.. Softmax(1, 2, 3).Zip(Softmax(0, 0.5, 0), (q, p) => q - p)];
        double[] grad = Gradient(scores);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(expected[j], grad[j], 1e-12);
        }
    }

    [Fact]
    public void Compute_ItemWeights_WeighEachCrossEntropyTerm()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor scores = Matrix([1, 2, 3], 1, 3).requires_grad_();
        double[] w = [2, 1, 0.5];
        double[] p = Softmax(0, 1, 0);
        double[] q = Softmax(1, 2, 3);

        Tensor loss = ListNetLoss.Compute(scores, Matrix([0, 1, 0], 1, 3), AllTrue(1, 3), 1.0, Matrix(w, 1, 3));
        loss.backward();

        Assert.Equal(-Enumerable.Range(0, 3).Sum(j => w[j] * p[j] * Math.Log(q[j])), loss.item<double>(), 1e-12);
        double mass = Enumerable.Range(0, 3).Sum(j => w[j] * p[j]);
        double[] grad = Gradient(scores);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal((mass * q[j]) - (w[j] * p[j]), grad[j], 1e-12);
        }
    }

    [Fact]
    public void Compute_Padding_ChangesNothingWhateverItHolds()
    {
        using DisposeScope scope = NewDisposeScope();
        // List A has 2 items, list B has 4. Padding holds values that would be real scores and a
        // teacher logit of −1 (the sentinel other libraries use) and even NaN.
        Tensor padded = Matrix([0.3, -0.2, -1, double.NaN, 1.0, 0.5, -0.5, 2.0], 2, 4).requires_grad_();
        Tensor teacher = Matrix([1.0, -1.0, -1, double.NaN, 0.2, 0.1, 0.0, 1.5], 2, 4);
        Tensor mask = Mask([true, true, false, false, true, true, true, true], 2, 4);

        Tensor loss = ListNetLoss.Compute(padded, teacher, mask, temperature: 1.5);
        loss.backward();

        double a = ListNetLoss.Compute(Matrix([0.3, -0.2], 1, 2), Matrix([1.0, -1.0], 1, 2), AllTrue(1, 2), 1.5).item<double>();
        double b = ListNetLoss.Compute(Matrix([1.0, 0.5, -0.5, 2.0], 1, 4), Matrix([0.2, 0.1, 0.0, 1.5], 1, 4), AllTrue(1, 4), 1.5).item<double>();
        Assert.Equal((a + b) / 2, loss.item<double>(), 1e-12);
        double[] grad = Gradient(padded);
        Assert.All(grad, g => Assert.True(double.IsFinite(g)));
        Assert.Equal(0.0, grad[2]);
        Assert.Equal(0.0, grad[3]);
    }

    [Fact]
    public void Compute_EmptyList_ContributesNothingAndStaysFinite()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor scores = Matrix([0.3, -0.2, 5, 6], 2, 2).requires_grad_();

        Tensor loss = ListNetLoss.Compute(scores, Matrix([1.0, -1.0, 0, 0], 2, 2), Mask([true, true, false, false], 2, 2));
        loss.backward();

        double alone = ListNetLoss.Compute(Matrix([0.3, -0.2], 1, 2), Matrix([1.0, -1.0], 1, 2), AllTrue(1, 2)).item<double>();
        Assert.Equal(alone, loss.item<double>(), 1e-12);
        Assert.All(Gradient(scores), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void Compute_NonBooleanMask_Throws()
    {
        using DisposeScope scope = NewDisposeScope();

        Assert.Throws<ArgumentException>(() => ListNetLoss.Compute(Matrix([1, 2], 1, 2), Matrix([1, 2], 1, 2), Matrix([1, 1], 1, 2)));
    }

    private static Tensor AllTrue(long lists, long items) => ones(lists, items, ScalarType.Bool);
}
