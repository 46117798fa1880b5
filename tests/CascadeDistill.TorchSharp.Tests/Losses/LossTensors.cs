using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Losses;

/// <summary>Small float64 tensors for hand-checked loss tests.</summary>
internal static class LossTensors
{
    public static Tensor Vector(params double[] values) => tensor(values, ScalarType.Float64);

    public static Tensor Leaf(params double[] values) => tensor(values, ScalarType.Float64).requires_grad_();

    public static Tensor Matrix(double[] values, long lists, long items) =>
        tensor(values, [lists, items], ScalarType.Float64);

    public static Tensor Mask(bool[] values, long lists, long items) => tensor(values, [lists, items]);

    public static double[] Values(Tensor t) => t.to_type(ScalarType.Float64).data<double>().ToArray();

    public static double[] Gradient(Tensor leaf) => Values(leaf.grad ?? throw new InvalidOperationException("No gradient."));

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    public static double Softplus(double x) => Math.Log(1.0 + Math.Exp(x));

    public static double[] Softmax(params double[] x)
    {
        double max = x.Max();
        double[] e = [.. x.Select(v => Math.Exp(v - max))];
        double sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }
}
