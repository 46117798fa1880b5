using CascadeDistill.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Students;

/// <summary>
/// Initial values drawn from an explicit generator. (TorchSharp 0.107's <c>nn.init.*_</c> accept a
/// generator but ignore it and use the global one; <c>randn</c>/<c>rand</c> honour it.)
/// </summary>
internal static class SeededInit
{
    /// <summary>Fills <paramref name="parameter"/> with N(0, std²).</summary>
    public static void Normal(Tensor parameter, double std, Generator generator)
    {
        using DisposeScope scope = NewDisposeScope();
        using IDisposable noGrad = no_grad();
        Tensor values = randn(parameter.shape, parameter.dtype, CPU, generator: generator).Times(std);
        parameter.copy_(values);
    }

    /// <summary>Fills <paramref name="parameter"/> with U(-bound, bound).</summary>
    public static void Uniform(Tensor parameter, double bound, Generator generator)
    {
        using DisposeScope scope = NewDisposeScope();
        using IDisposable noGrad = no_grad();
        Tensor values = rand(parameter.shape, parameter.dtype, CPU, generator: generator).Times(2 * bound).Minus(bound);
        parameter.copy_(values);
    }
}
