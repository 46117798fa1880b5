using CascadeDistill.Torch.Native;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Losses;

/// <summary>Shape checks and the weighted mean shared by the losses.</summary>
internal static class LossInputs
{
    /// <summary>Below this, a weight sum (or a count) counts as zero and the loss is zero.</summary>
    public const double MinWeightSum = 1e-12;

    public static void SameShape(Tensor expected, Tensor actual, string name)
    {
        if (!expected.shape.SequenceEqual(actual.shape))
        {
            throw new ArgumentException(
                $"{name} has shape [{string.Join(", ", actual.shape)}]; expected [{string.Join(", ", expected.shape)}].", name);
        }
    }

    public static void Lists(Tensor scores, Tensor mask, string scoresName)
    {
        if (scores.dim() != 2)
        {
            throw new ArgumentException($"{scoresName} must be [lists, items]; got {scores.dim()} dimension(s).", scoresName);
        }
        SameShape(scores, mask, nameof(mask));
        if (mask.dtype != ScalarType.Bool)
        {
            throw new ArgumentException($"mask must be a boolean tensor; got {mask.dtype}.", nameof(mask));
        }
    }

    /// <summary><c>Σ w·x / Σ w</c> (0 when Σ w is 0), or the plain mean without weights.</summary>
    public static Tensor WeightedMean(Tensor perExample, Tensor? weights)
    {
        if (weights is null)
        {
            return perExample.mean();
        }
        SameShape(perExample, weights, nameof(weights));
        return (perExample * weights).sum() / weights.sum().AtLeast(MinWeightSum);
    }
}
