using TorchSharp;

namespace CascadeDistill.Torch.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Tensor_CreatedOnCpu_HoldsValues()
    {
        using torch.Tensor t = torch.tensor(new float[] { 1f, 2f, 3f });
        Assert.Equal(6f, t.sum().item<float>());
    }
}
