using CascadeDistill.Torch.Native;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Students;

/// <summary>
/// A two-tower student. The training logit of (user, item) is <c>dot(u, v) / Temperature + bias</c>;
/// the learned scalar bias only calibrates the loss (it shifts every score equally, so ranking and
/// the exported towers do not depend on it).
/// </summary>
public sealed class TwoTowerModule : nn.Module<TowerInput, TowerInput, Tensor>
{
    private readonly TowerModule _user;
    private readonly TowerModule _item;
    private readonly Parameter _bias;
    private readonly double _temperature;

    /// <param name="student">Architecture: hidden widths, output width, temperature.</param>
    /// <param name="features">The pipeline's features (both sides), in order.</param>
    /// <param name="statistics">Standardisation of every numeric feature, by name.</param>
    /// <param name="seed">Fixes every initial value (drawn from a private CPU generator).</param>
    public TwoTowerModule(
        StudentDefinition student,
        IReadOnlyList<FeatureDefinition> features,
        IReadOnlyDictionary<string, NumericStatistics> statistics,
        long seed)
        : base("two_tower")
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(student.Temperature);
        _temperature = student.Temperature;
        using var generator = new Generator(unchecked((ulong)seed), CPU);
        FeatureDefinition[] userFeatures = [.. features.Where(f => f.Side == FeatureSide.User)];
        FeatureDefinition[] itemFeatures = [.. features.Where(f => f.Side == FeatureSide.Item)];
        _user = new TowerModule("user", userFeatures, statistics, student.HiddenLayers, student.EmbeddingDim, generator);
        _item = new TowerModule("item", itemFeatures, statistics, student.HiddenLayers, student.EmbeddingDim, generator);
        _bias = new Parameter(zeros(1, ScalarType.Float32));
        RegisterComponents();
    }

    public TowerModule User => _user;

    public TowerModule Item => _item;

    public float Temperature => (float)_temperature;

    /// <summary>Number of trainable values (both towers and the bias).</summary>
    public long TrainableParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary><c>[B]</c> training logits <c>dot(u, v) / Temperature + bias</c> of aligned user and item rows.</summary>
    public override Tensor forward(TowerInput user, TowerInput item)
    {
        Tensor u = _user.forward(user);
        Tensor v = _item.forward(item);
        return (u * v).sum(1).DividedBy(_temperature).Plus(_bias);
    }

    /// <summary>Copies both towers to plain arrays (the training-only bias is not part of the student).</summary>
    /// <summary>
    /// Scores of whole lists from tower outputs: <c>[lists, items]</c> = <c>dot(user_l, item_li) / T + b</c>,
    /// the same score as <see cref="forward"/>, with each list's user vector computed once.
    /// </summary>
    /// <param name="userVectors"><c>[lists, d]</c> user tower outputs.</param>
    /// <param name="itemVectors"><c>[lists, items, d]</c> item tower outputs.</param>
    public Tensor ScoreLists(Tensor userVectors, Tensor itemVectors)
    {
        ArgumentNullException.ThrowIfNull(userVectors);
        ArgumentNullException.ThrowIfNull(itemVectors);
        return (itemVectors * userVectors.unsqueeze(1)).sum(2).DividedBy(_temperature).Plus(_bias);
    }

    public TwoTowerWeights Export() => new(_user.Export(), _item.Export(), Temperature);
}
