using CascadeDistill.Features;

namespace CascadeDistill.Students;

/// <summary>
/// Everything one tower computes, as plain arrays, so every implementation (the C# reference,
/// TorchSharp, the ONNX graph) computes the same function. See <see cref="TowerReference"/>.
/// </summary>
/// <param name="Features">Input features in order; their encodings are concatenated in this order.</param>
/// <param name="Embeddings">Per categorical feature: a [HashBuckets, EmbeddingDim] table.</param>
/// <param name="Numerics">Per numeric feature: its standardisation.</param>
/// <param name="Layers">Linear layers; ReLU between consecutive layers, none after the last.</param>
public sealed record TowerWeights(
    IReadOnlyList<FeatureDefinition> Features,
    IReadOnlyDictionary<string, DenseMatrix> Embeddings,
    IReadOnlyDictionary<string, NumericStatistics> Numerics,
    IReadOnlyList<DenseLayer> Layers)
{
    public int InputWidth => Features.Sum(f => f.InputWidth);

    public int OutputWidth => Layers[^1].OutputWidth;

    /// <summary>Per-objective heads splitting the last layer's outputs, or null for one L2-normalised output.</summary>
    public TowerHeads? Heads { get; init; }

    /// <summary>Width of one head's vector (the whole output without heads).</summary>
    public int HeadWidth => Heads is null ? OutputWidth : OutputWidth / Heads.Count;
}
