using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// Adam (Kingma and Ba, 2015) with L2 weight decay added to the gradient, as <c>torch.optim.Adam</c>:
/// <c>m ← β1·m + (1−β1)·g</c>, <c>v ← β2·v + (1−β2)·g²</c>,
/// <c>θ ← θ − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)</c>.
/// Why not TorchSharp's <c>optim.Adam</c>: its step passes doubles that become temporary native
/// <see cref="TorchSharp.Scalar"/> objects nothing keeps alive during the native call (see
/// Native/ScalarArithmetic.cs); under garbage-collection pressure it failed inside <c>add_</c> and
/// <c>addcmul_</c> with libtorch reading a freed scalar ("Expected false to be true"). Here every scalar
/// of a step is created once and disposed by this method after the last native call that uses it.
/// The moment tensors are owned by this optimiser (created outside any dispose scope, disposed with it).
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly double _learningRate;
    private readonly double _weightDecay;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private long _step;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        _learningRate = learningRate;
        _weightDecay = weightDecay;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        using (no_grad())
        {
            _firstMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
            _secondMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        }
    }

    /// <summary>Steps taken so far.</summary>
    public long Steps => _step;

    public void zero_grad()
    {
        foreach (Parameter parameter in _parameters)
        {
            parameter.grad?.zero_();
        }
    }

    /// <summary>One Adam update of every parameter that has a gradient. Call inside the batch's dispose scope: the temporaries are disposed with it.</summary>
    public void step()
    {
        _step++;
        double biasCorrection1 = 1 - Math.Pow(_beta1, _step);
        double biasCorrection2 = 1 - Math.Pow(_beta2, _step);
        using Scalar beta1 = _beta1.ToScalar();
        using Scalar oneMinusBeta1 = (1 - _beta1).ToScalar();
        using Scalar beta2 = _beta2.ToScalar();
        using Scalar oneMinusBeta2 = (1 - _beta2).ToScalar();
        using Scalar weightDecay = _weightDecay.ToScalar();
        using Scalar sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        using Scalar epsilon = _epsilon.ToScalar();
        using Scalar one = 1L.ToScalar();
        using Scalar stepSize = (-_learningRate / biasCorrection1).ToScalar();
        using (no_grad())
        {
            for (int i = 0; i < _parameters.Length; i++)
            {
                Parameter parameter = _parameters[i];
                Tensor? grad = parameter.grad;
                if (grad is null)
                {
                    continue;
                }
                Tensor g = _weightDecay != 0 ? grad.add(parameter, weightDecay) : grad;
                _firstMoments[i].mul_(beta1).add_(g, oneMinusBeta1);
                _secondMoments[i].mul_(beta2).addcmul_(g, g, oneMinusBeta2);
                Tensor denominator = _secondMoments[i].sqrt().div_(sqrtBiasCorrection2).add_(epsilon, one);
                parameter.addcdiv_(_firstMoments[i], denominator, stepSize);
            }
        }
    }

    public void Dispose()
    {
        foreach (Tensor moment in _firstMoments.Concat(_secondMoments))
        {
            moment.Dispose();
        }
    }
}
