using TorchSharp;

namespace CascadeDistill.Torch.Training;

/// <summary>Maps a training definition's device name to a Torch device.</summary>
internal static class TorchDevices
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    /// <summary><c>auto</c> → <c>cuda</c> when available, else <c>cpu</c>; <c>cuda</c> when unavailable → <see cref="TorchDeviceUnavailableException"/>.</summary>
    public static string Resolve(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        switch (requested.Trim().ToLowerInvariant())
        {
            case Auto:
                return torch.cuda.is_available() ? Cuda : Cpu;
            case Cpu:
                return Cpu;
            case Cuda:
                return torch.cuda.is_available()
                    ? Cuda
                    : throw new TorchDeviceUnavailableException(Cuda,
                        "torch.cuda.is_available() is false (no GPU, or the CPU libtorch runtime is loaded; build with -p:TorchDevice=cuda). Use 'auto' or 'cpu'.");
            default:
                throw new ArgumentException($"Unknown device '{requested}'; expected 'auto', 'cpu' or 'cuda'.", nameof(requested));
        }
    }
}
