using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Features;

namespace CascadeDistill.Pipelines;

/// <summary>
/// The words a pipeline file uses for enumerations and closed string sets, in one place: the
/// parser, the validator, the config hash and the docs agree on them.
/// </summary>
public static class PipelineVocabulary
{
    /// <summary><c>stage</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, StudentStage>> Stages { get; } =
    [
        new("recall", StudentStage.Recall),
        new("prerank", StudentStage.Prerank),
    ];

    /// <summary><c>features[i].side</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, FeatureSide>> Sides { get; } =
    [
        new("user", FeatureSide.User),
        new("item", FeatureSide.Item),
    ];

    /// <summary><c>features[i].kind</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, FeatureKind>> Kinds { get; } =
    [
        new("categorical", FeatureKind.Categorical),
        new("multi", FeatureKind.MultiCategorical),
        new("numeric", FeatureKind.Numeric),
    ];

    /// <summary><c>dataset.position_weight.function</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, PositionWeightFunction>> PositionWeightFunctions { get; } =
    [
        new("constant", PositionWeightFunction.Constant),
        new("inverse", PositionWeightFunction.Inverse),
        new("exponential", PositionWeightFunction.Exponential),
    ];

    /// <summary><c>dataset.ranked_list</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, RankedList>> RankedLists { get; } =
    [
        new("fine", RankedList.Fine),
        new("rerank", RankedList.Rerank),
    ];

    /// <summary><c>dataset.recipe</c>.</summary>
    public static IReadOnlyList<string> Recipes { get; } = ["pointwise", "listwise", "pairwise", "inbatch"];

    /// <summary><c>dataset.listwise.loss</c>.</summary>
    public static IReadOnlyList<string> ListLosses { get; } = ["listnet", "lambda_ndcg"];

    /// <summary><c>training.distillation_loss.name</c> (pointwise recipe).</summary>
    public static IReadOnlyList<string> DistillationLosses { get; } =
        [DistillationLossDefinition.Bce, DistillationLossDefinition.SoftTarget, DistillationLossDefinition.LogitMse];

    /// <summary><c>grades.from</c> (listwise and pairwise recipes).</summary>
    public static IReadOnlyList<string> GradeSources { get; } =
        [RelevanceGradesDefinition.LogitQuantiles, RelevanceGradesDefinition.LogitThresholds, RelevanceGradesDefinition.LogitMapping, RelevanceGradesDefinition.RankBuckets];

    /// <summary><c>dataset.pairwise.strategy</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, PairSamplingStrategy>> PairStrategies { get; } =
    [
        new("all_pairs_top_m", PairSamplingStrategy.AllWithinTopM),
        new("top_k_vs_sampled", PairSamplingStrategy.TopKVersusSampled),
        new("hard_boundary", PairSamplingStrategy.HardBoundary),
    ];

    /// <summary><c>dataset.pairwise.weighting</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, PairWeighting>> PairWeightings { get; } =
    [
        new("none", PairWeighting.None),
        new("position_decay", PairWeighting.PositionDecay),
        new("delta_ndcg", PairWeighting.DeltaNdcg),
    ];

    /// <summary><c>training.loss_weighting</c>.</summary>
    public static IReadOnlyList<string> LossWeightings { get; } = ["fixed", "uncertainty"];

    /// <summary><c>dataset.labels</c>: the teacher's signal, or logged ground truth alone.</summary>
    public static IReadOnlyList<string> LabelSources { get; } = ["teacher", "ground_truth"];

    /// <summary><c>student.architecture</c>.</summary>
    public static IReadOnlyList<string> Architectures { get; } = ["two_tower"];

    /// <summary><c>training.device</c>.</summary>
    public static IReadOnlyList<string> Devices { get; } = ["auto", "cpu", "cuda"];

    public static string NameOf(StudentStage value) => NameOf(Stages, value);

    public static string NameOf(FeatureSide value) => NameOf(Sides, value);

    public static string NameOf(FeatureKind value) => NameOf(Kinds, value);

    public static string NameOf(PositionWeightFunction value) => NameOf(PositionWeightFunctions, value);

    public static string NameOf(PairSamplingStrategy value) => NameOf(PairStrategies, value);

    public static string NameOf(PairWeighting value) => NameOf(PairWeightings, value);

    public static string NameOf(RankedList value) => NameOf(RankedLists, value);

    private static string NameOf<T>(IReadOnlyList<KeyValuePair<string, T>> words, T value)
        where T : struct, Enum
    {
        foreach ((string name, T candidate) in words)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no pipeline-file name.");
    }
}
