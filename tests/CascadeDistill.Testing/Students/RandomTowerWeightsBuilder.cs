using CascadeDistill.Features;
using CascadeDistill.Students;

namespace CascadeDistill.Testing.Students;

/// <summary>
/// Builds one tower with random weights: declare features and layer widths, then
/// <see cref="Build"/> with a seeded <see cref="Random"/>.
/// </summary>
public sealed class RandomTowerWeightsBuilder(FeatureSide side)
{
    private readonly List<FeatureDefinition> _features = [];
    private readonly Dictionary<string, NumericStatistics> _numerics = new(StringComparer.Ordinal);
    private int[] _layerWidths = [8];

    public FeatureSide Side { get; } = side;

    public RandomTowerWeightsBuilder WithCategorical(string name, int hashBuckets, int embeddingDim)
    {
        _features.Add(new FeatureDefinition(name, Side, FeatureKind.Categorical, name, hashBuckets, embeddingDim, 0));
        return this;
    }

    public RandomTowerWeightsBuilder WithMultiCategorical(string name, int hashBuckets, int embeddingDim, int maxLength)
    {
        _features.Add(new FeatureDefinition(name, Side, FeatureKind.MultiCategorical, name, hashBuckets, embeddingDim, maxLength));
        return this;
    }

    public RandomTowerWeightsBuilder WithNumeric(string name, float mean, float std)
    {
        _features.Add(new FeatureDefinition(name, Side, FeatureKind.Numeric, name, 0, 0, 0));
        _numerics[name] = new NumericStatistics(mean, std);
        return this;
    }

    /// <summary>Output width of each linear layer, in order; the last is the embedding width.</summary>
    public RandomTowerWeightsBuilder WithLayers(params int[] widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentOutOfRangeException.ThrowIfZero(widths.Length);
        _layerWidths = widths;
        return this;
    }

    /// <summary>Embeddings uniform in [-1, 1]; weights uniform in ±1/sqrt(fan-in); biases in ±0.1.</summary>
    public TowerWeights Build(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var embeddings = new Dictionary<string, DenseMatrix>(StringComparer.Ordinal);
        foreach (FeatureDefinition f in _features.Where(f => f.Kind != FeatureKind.Numeric))
        {
            embeddings[f.Name] = RandomMatrix(random, f.HashBuckets, f.EmbeddingDim, 1f);
        }
        var layers = new List<DenseLayer>(_layerWidths.Length);
        int width = _features.Sum(f => f.InputWidth);
        foreach (int output in _layerWidths)
        {
            DenseMatrix weight = RandomMatrix(random, output, width, 1f / MathF.Sqrt(width));
            layers.Add(new DenseLayer(weight, RandomMatrix(random, 1, output, 0.1f).Values));
            width = output;
        }
        return new TowerWeights(
            _features.ToArray(),
            embeddings,
            new Dictionary<string, NumericStatistics>(_numerics, StringComparer.Ordinal),
            layers);
    }

    private static DenseMatrix RandomMatrix(Random random, int rows, int columns, float scale)
    {
        var values = new float[rows * columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }
        return new DenseMatrix(rows, columns, values);
    }
}
