namespace CascadeDistill.Pipelines;

/// <summary>Position → weight of a positive example (positions are 1-based).</summary>
public enum PositionWeightFunction
{
    /// <summary><c>w = 1</c>.</summary>
    Constant,

    /// <summary><c>w = 1 + a / pos</c>.</summary>
    Inverse,

    /// <summary><c>w = exp(-pos / λ)</c> (Ranking Distillation, KDD 2018).</summary>
    Exponential,
}
