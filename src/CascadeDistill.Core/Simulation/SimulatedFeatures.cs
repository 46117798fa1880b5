using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Simulation;

/// <summary>The feature columns the simulator logs (names and columns match pipelines/recall-pointwise.yaml).</summary>
public static class SimulatedFeatures
{
    public static IReadOnlyList<FeatureDefinition> All { get; } =
    [
        new("user_id", FeatureSide.User, FeatureKind.Categorical, LogContract.UserId, 1, 1, 0),
        new("segment", FeatureSide.User, FeatureKind.Categorical, "user.segment", 1, 1, 0),
        new("recent_categories", FeatureSide.User, FeatureKind.MultiCategorical, "user.recent_categories", 1, 1, 64),
        new("activity", FeatureSide.User, FeatureKind.Numeric, "user.activity", 0, 0, 0),
        new("item_id", FeatureSide.Item, FeatureKind.Categorical, LogContract.ItemId, 1, 1, 0),
        new("category", FeatureSide.Item, FeatureKind.Categorical, "item.category", 1, 1, 0),
        new("tags", FeatureSide.Item, FeatureKind.MultiCategorical, "item.tags", 1, 1, 64),
        new("popularity", FeatureSide.Item, FeatureKind.Numeric, "item.popularity", 0, 0, 0),
        new("price", FeatureSide.Item, FeatureKind.Numeric, "item.price", 0, 0, 0),
    ];

    public static IReadOnlyList<FeatureDefinition> Item { get; } = All.Where(f => f.Side == FeatureSide.Item).ToArray();

    /// <summary>Teacher objectives, in the order of the production fusion.</summary>
    public static IReadOnlyList<string> Objectives { get; } = ["click", "finish"];

    /// <summary>The production fusion the simulated fine ranker orders by: click + 0.5 · finish.</summary>
    public static IReadOnlyList<double> FusionWeights { get; } = [1.0, 0.5];
}
