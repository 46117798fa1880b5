using CascadeDistill.Torch.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Losses;

/// <summary>
/// Learned multi-loss weighting (Kendall, Gal and Cipolla, 2018, in the simplified form common in
/// multi-task recommenders): <c>Σ_i exp(−s_i) · L_i + s_i</c> with one learned log-variance
/// <c>s_i</c> per loss, initialised to 0 (every weight 1). For a fixed <c>L_i</c> the optimum is
/// <c>s_i = log L_i</c>, so a loss that stays large (noisy or hard) is down-weighted, and the
/// <c>+ s_i</c> term stops every weight collapsing to zero. Train its parameter with the model's.
/// </summary>
public sealed class UncertaintyWeighting : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _logVariances;

    public UncertaintyWeighting(int lossCount, string name = "uncertainty_weighting")
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lossCount, 1);
        LossCount = lossCount;
        _logVariances = new Parameter(zeros(lossCount, ScalarType.Float32));
        RegisterComponents();
    }

    public int LossCount { get; }

    /// <summary>The learned <c>s_i</c>.</summary>
    public Parameter LogVariances => _logVariances;

    /// <summary>The current weights <c>exp(−s_i)</c>.</summary>
    public double[] Weights()
    {
        using var noGrad = no_grad();
        using Tensor weights = _logVariances.neg().exp();
        return [.. weights.data<float>().Select(w => (double)w)];
    }

    /// <param name="losses"><c>[LossCount]</c> scalar losses stacked (e.g. <c>stack([a, b])</c>).</param>
    public override Tensor forward(Tensor losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.dim() != 1 || losses.shape[0] != LossCount)
        {
            throw new ArgumentException($"Expected [{LossCount}] stacked losses; got [{string.Join(", ", losses.shape)}].", nameof(losses));
        }
        return (_logVariances.neg().exp() * losses).Plus(_logVariances).sum();
    }
}
