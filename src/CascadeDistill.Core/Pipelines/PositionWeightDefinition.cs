namespace CascadeDistill.Pipelines;

/// <summary>A declared position-weight function; see <see cref="PositionWeightFunction"/>.</summary>
public sealed record PositionWeightDefinition(PositionWeightFunction Function, double A, double Lambda)
{
    /// <summary>The weight of a positive at 1-based <paramref name="position"/>.</summary>
    public double Weight(int position)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        return Function switch
        {
            PositionWeightFunction.Constant => 1.0,
            PositionWeightFunction.Inverse => 1.0 + (A / position),
            PositionWeightFunction.Exponential => Math.Exp(-position / Lambda),
            _ => throw new InvalidOperationException($"Unknown position weight function {Function}."),
        };
    }
}
