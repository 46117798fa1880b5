namespace CascadeDistill.Pipelines;

/// <summary>The student's architecture.</summary>
/// <param name="Architecture"><c>two_tower</c> in this version.</param>
/// <param name="HiddenLayers">Widths of the hidden layers of each tower (ReLU after each).</param>
/// <param name="EmbeddingDim">Width of the L2-normalised output vector of each tower.</param>
/// <param name="Temperature">Score = dot(u, v) / Temperature.</param>
/// <param name="Heads">
/// <see cref="StudentHeads.Single"/> (default) or <see cref="StudentHeads.PerObjective"/>: one head of
/// <see cref="EmbeddingDim"/> per fused objective on a shared bottom.
/// </param>
public sealed record StudentDefinition(
    string Architecture,
    IReadOnlyList<int> HiddenLayers,
    int EmbeddingDim,
    double Temperature,
    string Heads = StudentHeads.Single);
