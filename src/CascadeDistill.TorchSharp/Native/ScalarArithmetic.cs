using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Native;

/// <summary>
/// Tensor arithmetic with numbers, written so that every native <see cref="Scalar"/> outlives the
/// libtorch call that reads it. TorchSharp's operators with numbers (<c>t * 0.5</c>), its implicit
/// number → Scalar conversions, and some of its members (<c>Tensor + Tensor</c>, <c>add_(Scalar)</c>,
/// <c>softplus</c>, <c>arange</c>, <c>optim.Adam</c>) create Scalars that nothing references once their
/// handle is passed to libtorch; a garbage collection on another thread can finalise one during the
/// native call, and libtorch then reads freed memory (seen as "Expected false to be true" from
/// <c>c10/core/Scalar.h</c>). Here a Scalar is either a static (rooted for the process, never
/// finalised) or created by the method and disposed after the call returns.
/// The rule is enforced on this project's sources by tests/CascadeDistill.TorchSharp.Tests/TorchScalarLifetimeTests.cs.
/// </summary>
internal static class ScalarArithmetic
{
    /// <summary>Integral 1: a valid <c>alpha</c> for floating and integral tensors alike.</summary>
    private static readonly Scalar s_one = 1L.ToScalar();

    /// <summary><paramref name="left"/> + <paramref name="right"/> (TorchSharp's <c>+</c> makes a hidden alpha Scalar).</summary>
    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, s_one);

    /// <summary><paramref name="tensor"/> + <paramref name="term"/>, keeping an integral tensor integral.</summary>
    public static Tensor Plus(this Tensor tensor, long term) => With(term.ToScalar(), value => tensor.add(value, s_one));

    public static Tensor Plus(this Tensor tensor, double term) => With(term.ToScalar(), value => tensor.add(value, s_one));

    public static Tensor Minus(this Tensor tensor, double term) => With(term.ToScalar(), tensor.sub);

    public static Tensor Times(this Tensor tensor, double factor) => With(factor.ToScalar(), tensor.mul);

    public static Tensor DividedBy(this Tensor tensor, double divisor) => With(divisor.ToScalar(), value => tensor.div(value));

    /// <summary>Remainder with the sign of the divisor (Python's <c>%</c>, torch's <c>remainder</c>).</summary>
    public static Tensor Modulo(this Tensor tensor, long divisor) => With(divisor.ToScalar(), tensor.remainder);

    public static Tensor AtLeast(this Tensor tensor, double minimum) => With(minimum.ToScalar(), tensor.clamp_min);

    /// <summary>Clamped below, keeping an integral tensor integral.</summary>
    public static Tensor AtLeast(this Tensor tensor, long minimum) => With(minimum.ToScalar(), tensor.clamp_min);

    public static Tensor GreaterThan(this Tensor tensor, double threshold) => With(threshold.ToScalar(), tensor.gt);

    /// <summary><paramref name="tensor"/> with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public static Tensor FilledWhere(this Tensor tensor, Tensor mask, double value) => With(value.ToScalar(), fill => tensor.masked_fill(mask, fill));

    /// <summary>log(1 + eˣ) as −log σ(−x): exact and stable, with no Scalar at all.</summary>
    public static Tensor Softplus(Tensor x) => nn.functional.logsigmoid(x.neg()).neg();

    /// <summary>Runs <paramref name="call"/> with <paramref name="scalar"/> and disposes the scalar after it returns.</summary>
    private static Tensor With(Scalar scalar, Func<Scalar, Tensor> call)
    {
        using (scalar)
        {
            return call(scalar);
        }
    }

    /// <summary>The integers <paramref name="start"/> … <paramref name="stop"/> − 1 as a 1-D tensor.</summary>
    public static Tensor Range(long start, long stop, ScalarType dtype, Device device)
    {
        using Scalar from = start.ToScalar();
        using Scalar to = stop.ToScalar();
        return arange(from, to, s_one, dtype, device);
    }
}
