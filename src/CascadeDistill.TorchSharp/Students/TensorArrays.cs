using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Students;

/// <summary>Copies tensors to managed arrays without touching the tensor given.</summary>
internal static class TensorArrays
{
    /// <summary>The values of <paramref name="source"/> in row-major order, as float32.</summary>
    public static float[] ToArray(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using DisposeScope scope = NewDisposeScope();
        Tensor copy = source.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return copy.data<float>().ToArray();
    }
}
