using CascadeDistill.Torch.Native;
using CascadeDistill.Features;
using CascadeDistill.Students;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Students;

/// <summary>
/// One tower, computing exactly <see cref="TowerReference"/>: an embedding per categorical or
/// multi-valued feature (ids hashed with floor modulo; lists mean-pooled over the kept ids, an
/// empty list giving zeros), numerics standardised with fixed statistics (buffers, not trained),
/// concatenation in feature order, linear layers with ReLU between them, L2 normalisation.
/// </summary>
public sealed class TowerModule : nn.Module<TowerInput, Tensor>
{
    /// <summary>Standard deviation of the normal initialisation of embedding tables.</summary>
    public const double EmbeddingInitStd = 0.05;

    private readonly ModuleList<Embedding> _embeddings;
    private readonly ModuleList<Linear> _layers;
    private readonly Tensor? _numericMean;
    private readonly Tensor? _numericStd;
    private readonly FeatureDefinition[] _features;
    private readonly NumericStatistics[] _statistics;
    private readonly int[] _embeddingOf;
    private readonly int[] _numericOf;
    private readonly TowerHeads? _heads;
    private readonly Tensor? _headScales;

    /// <param name="name">Module name (<c>user</c> or <c>item</c>).</param>
    /// <param name="features">This tower's features, in order.</param>
    /// <param name="statistics">Standardisation of every numeric feature, by name.</param>
    /// <param name="hiddenLayers">Hidden widths (ReLU after each).</param>
    /// <param name="outputWidth">Width of the normalised output.</param>
    /// <param name="generator">CPU generator every initial value is drawn from.</param>
    /// <param name="heads">
    /// Per-objective heads: the last layer then has <paramref name="outputWidth"/> outputs per head, each
    /// head's slice L2-normalised on its own (see <see cref="TowerHeads"/>); null = one normalised output.
    /// </param>
    public TowerModule(
        string name,
        IReadOnlyList<FeatureDefinition> features,
        IReadOnlyDictionary<string, NumericStatistics> statistics,
        IReadOnlyList<int> hiddenLayers,
        int outputWidth,
        Generator generator,
        TowerHeads? heads = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(hiddenLayers);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(features.Count, 1, nameof(features));
        ArgumentOutOfRangeException.ThrowIfLessThan(outputWidth, 1);

        _features = [.. features];
        _embeddingOf = new int[_features.Length];
        _numericOf = new int[_features.Length];
        var embeddings = new List<Embedding>();
        var numerics = new List<NumericStatistics>();
        for (int f = 0; f < _features.Length; f++)
        {
            FeatureDefinition feature = _features[f];
            _embeddingOf[f] = -1;
            _numericOf[f] = -1;
            if (feature.Kind == FeatureKind.Numeric)
            {
                _numericOf[f] = numerics.Count;
                numerics.Add(statistics.TryGetValue(feature.Name, out NumericStatistics? s)
                    ? s
                    : throw new ArgumentException($"No statistics for numeric feature '{feature.Name}'.", nameof(statistics)));
            }
            else
            {
                _embeddingOf[f] = embeddings.Count;
                Embedding table = nn.Embedding(feature.HashBuckets, feature.EmbeddingDim);
                SeededInit.Normal(table.weight!, EmbeddingInitStd, generator);
                embeddings.Add(table);
            }
        }
        _statistics = [.. numerics];
        if (_statistics.Length > 0)
        {
            _numericMean = tensor(_statistics.Select(s => s.Mean).ToArray(), [1, _statistics.Length], ScalarType.Float32);
            _numericStd = tensor(_statistics.Select(s => s.Std).ToArray(), [1, _statistics.Length], ScalarType.Float32);
        }

        _heads = heads;
        if (heads is not null)
        {
            _headScales = tensor(heads.Scales.ToArray(), [1, heads.Count, 1], ScalarType.Float32);
        }
        var layers = new List<Linear>();
        int width = _features.Sum(f => f.InputWidth);
        foreach (int next in hiddenLayers.Append(outputWidth * (heads?.Count ?? 1)))
        {
            layers.Add(CreateLinear(width, next, generator));
            width = next;
        }
        _embeddings = nn.ModuleList([.. embeddings]);
        _layers = nn.ModuleList([.. layers]);
        RegisterComponents();
    }

    /// <summary>This tower's features, in order.</summary>
    public IReadOnlyList<FeatureDefinition> Features => _features;

    public int OutputWidth => (int)_layers[^1].weight!.shape[0];

    /// <summary>The per-objective heads, or null.</summary>
    public TowerHeads? Heads => _heads;

    /// <summary>Width of one head's vector (<see cref="OutputWidth"/> without heads).</summary>
    public int HeadWidth => OutputWidth / (_heads?.Count ?? 1);

    /// <summary>
    /// <c>[B, OutputWidth]</c> serving vectors: <see cref="forward"/> with head k multiplied by its scale
    /// (the same as <see cref="forward"/> without heads).
    /// </summary>
    public Tensor ForwardServing(TowerInput input)
    {
        Tensor h = forward(input);
        if (_heads is null)
        {
            return h;
        }
        long rows = h.shape[0];
        return (h.view(rows, _heads.Count, HeadWidth) * _headScales!).view(rows, OutputWidth);
    }

    /// <summary><c>[B, OutputWidth]</c> L2-normalised vectors (with heads: each head's slice normalised on its own, unscaled).</summary>
    public override Tensor forward(TowerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor? numerics = input.Numerics is null ? null : (input.Numerics - _numericMean!) / _numericStd!;
        var parts = new Tensor[_features.Length];
        for (int f = 0; f < _features.Length; f++)
        {
            FeatureDefinition feature = _features[f];
            switch (feature.Kind)
            {
                case FeatureKind.Categorical:
                    parts[f] = _embeddings[_embeddingOf[f]].forward(input.Ids(f).Modulo(feature.HashBuckets));
                    break;
                case FeatureKind.MultiCategorical:
                    parts[f] = PooledMean(_embeddings[_embeddingOf[f]], input.Ids(f), input.Lengths(f), feature.HashBuckets);
                    break;
                case FeatureKind.Numeric:
                    parts[f] = (numerics ?? throw new InvalidOperationException("The input has no numeric values."))
                        .narrow(1, _numericOf[f], 1);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown feature kind {feature.Kind}.");
            }
        }
        Tensor h = parts.Length == 1 ? parts[0] : cat(parts, 1);
        for (int l = 0; l < _layers.Count; l++)
        {
            h = _layers[l].forward(h);
            if (l < _layers.Count - 1)
            {
                h = nn.functional.relu(h);
            }
        }
        if (_heads is not null)
        {
            long rows = h.shape[0];
            return nn.functional.normalize(h.view(rows, _heads.Count, HeadWidth), p: 2, dim: 2, eps: TwoTowerWeights.NormEpsilon)
                .view(rows, OutputWidth);
        }
        return nn.functional.normalize(h, p: 2, dim: 1, eps: TwoTowerWeights.NormEpsilon);
    }

    /// <summary>Copies this tower to plain arrays.</summary>
    public TowerWeights Export()
    {
        var embeddings = new Dictionary<string, DenseMatrix>(StringComparer.Ordinal);
        var numerics = new Dictionary<string, NumericStatistics>(StringComparer.Ordinal);
        for (int f = 0; f < _features.Length; f++)
        {
            FeatureDefinition feature = _features[f];
            if (feature.Kind == FeatureKind.Numeric)
            {
                numerics[feature.Name] = _statistics[_numericOf[f]];
            }
            else
            {
                Parameter table = _embeddings[_embeddingOf[f]].weight!;
                embeddings[feature.Name] = new DenseMatrix(feature.HashBuckets, feature.EmbeddingDim, TensorArrays.ToArray(table));
            }
        }
        var layers = new DenseLayer[_layers.Count];
        for (int l = 0; l < layers.Length; l++)
        {
            Parameter weight = _layers[l].weight!;
            var matrix = new DenseMatrix((int)weight.shape[0], (int)weight.shape[1], TensorArrays.ToArray(weight));
            layers[l] = new DenseLayer(matrix, TensorArrays.ToArray(_layers[l].bias!));
        }
        return new TowerWeights(_features, embeddings, numerics, layers) { Heads = _heads };
    }

    private static Tensor PooledMean(Embedding table, Tensor ids, Tensor lengths, int buckets)
    {
        Tensor vectors = table.forward(ids.Modulo(buckets));                        // [B, L, D]
        Tensor positions = ScalarArithmetic.Range(0, ids.shape[1], ScalarType.Int64, ids.device);     // [L]
        Tensor mask = positions.unsqueeze(0).lt(lengths.unsqueeze(1)).to_type(ScalarType.Float32); // [B, L]
        Tensor sum = (vectors * mask.unsqueeze(2)).sum(1);                              // [B, D]
        Tensor count = lengths.AtLeast(1L).to_type(ScalarType.Float32).unsqueeze(1);  // [B, 1]
        return sum / count;
    }

    // torch.nn.Linear's default initialisation (U(-1/sqrt(in), 1/sqrt(in)) for weight and bias),
    // drawn from the given generator so that the seed alone fixes it.
    private static Linear CreateLinear(int inputs, int outputs, Generator generator)
    {
        Linear linear = nn.Linear(inputs, outputs);
        double bound = 1.0 / Math.Sqrt(inputs);
        SeededInit.Uniform(linear.weight!, bound, generator);
        SeededInit.Uniform(linear.bias!, bound, generator);
        return linear;
    }
}
