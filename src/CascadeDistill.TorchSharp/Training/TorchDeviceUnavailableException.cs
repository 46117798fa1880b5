namespace CascadeDistill.Torch.Training;

/// <summary>A training definition asked for a device this host cannot provide (e.g. <c>cuda</c> without a GPU or CUDA runtime).</summary>
public sealed class TorchDeviceUnavailableException(string device, string reason)
    : Exception($"Torch device '{device}' is not available: {reason}")
{
    public string Device { get; } = device;
}
