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
    private readonly TowerHeads? _heads;
    private readonly Tensor? _fusionWeights;

    /// <param name="student">Architecture: hidden widths, output width, temperature.</param>
    /// <param name="features">The pipeline's features (both sides), in order.</param>
    /// <param name="statistics">Standardisation of every numeric feature, by name.</param>
    /// <param name="seed">Fixes every initial value (drawn from a private CPU generator).</param>
    /// <param name="heads">
    /// Per-objective heads (objective, fusion weight) on a shared bottom; null or empty = one score. Head k's
    /// logit is <c>dot(u_k, v_k) / Temperature + b</c> (one bias shared by the heads); the user tower's serving output scales head k by its weight.
    /// </param>
    public TwoTowerModule(
        StudentDefinition student,
        IReadOnlyList<FeatureDefinition> features,
        IReadOnlyDictionary<string, NumericStatistics> statistics,
        long seed,
        IReadOnlyList<KeyValuePair<string, double>>? heads = null)
        : base("two_tower")
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(student.Temperature);
        _temperature = student.Temperature;
        using var generator = new Generator(unchecked((ulong)seed), CPU);
        FeatureDefinition[] userFeatures = [.. features.Where(f => f.Side == FeatureSide.User)];
        FeatureDefinition[] itemFeatures = [.. features.Where(f => f.Side == FeatureSide.Item)];
        TowerHeads? userHeads = null;
        TowerHeads? itemHeads = null;
        if (heads is { Count: > 0 })
        {
            string[] names = [.. heads.Select(h => h.Key)];
            userHeads = new TowerHeads(names, [.. heads.Select(h => (float)h.Value)]);
            itemHeads = TowerHeads.Unscaled(names);
            _heads = userHeads;
            _fusionWeights = tensor(userHeads.Scales.ToArray(), [1, names.Length], ScalarType.Float32);
        }
        _user = new TowerModule("user", userFeatures, statistics, student.HiddenLayers, student.EmbeddingDim, generator, userHeads);
        _item = new TowerModule("item", itemFeatures, statistics, student.HiddenLayers, student.EmbeddingDim, generator, itemHeads);
        // One bias shared by every head, so a student with heads has exactly as many parameters as a
        // single-head student whose embedding_dim is the heads' total width.
        _bias = new Parameter(zeros(1, ScalarType.Float32));
        RegisterComponents();
    }

    public TowerModule User => _user;

    public TowerModule Item => _item;

    public float Temperature => (float)_temperature;

    /// <summary>Number of trainable values (both towers and the bias).</summary>
    public long TrainableParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>The per-objective heads (the user tower's, whose scales are the fusion weights), or null.</summary>
    public TowerHeads? Heads => _heads;

    /// <summary>
    /// <c>[B]</c> training logits <c>dot(u, v) / Temperature + bias</c> of aligned user and item rows; with
    /// heads, the fused logit <c>Σ_k w_k · logit_k</c> (see <see cref="ForwardHeads"/>).
    /// </summary>
    public override Tensor forward(TowerInput user, TowerInput item)
    {
        if (_heads is not null)
        {
            return (ForwardHeads(user, item) * _fusionWeights!).sum(1);
        }
        Tensor u = _user.forward(user);
        Tensor v = _item.forward(item);
        return (u * v).sum(1).DividedBy(_temperature).Plus(_bias);
    }

    /// <summary>
    /// <c>[B, heads]</c> per-objective logits <c>dot(u_k, v_k) / Temperature + b</c> of aligned rows
    /// (<c>[B, 1]</c>, the <see cref="forward"/> logit, without heads).
    /// </summary>
    public Tensor ForwardHeads(TowerInput user, TowerInput item)
    {
        Tensor u = _user.forward(user);
        Tensor v = _item.forward(item);
        long rows = u.shape[0];
        int heads = _heads?.Count ?? 1;
        int width = _user.HeadWidth;
        return (u.view(rows, heads, width) * v.view(rows, heads, width)).sum(2).DividedBy(_temperature).Plus(_bias);
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
