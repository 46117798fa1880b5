using CascadeDistill.Features;
using CascadeDistill.Students;

namespace CascadeDistill.Testing.Students;

/// <summary>
/// Builds a random two-tower student from a seed. <see cref="Standard"/> declares every feature
/// kind on both sides and two layers per tower.
/// </summary>
public sealed class RandomTwoTowerWeightsBuilder
{
    public RandomTowerWeightsBuilder User { get; } = new(FeatureSide.User);

    public RandomTowerWeightsBuilder Item { get; } = new(FeatureSide.Item);

    public float Temperature { get; set; } = 0.05f;

    /// <summary>
    /// User: <c>user_id</c> (categorical), <c>user_tags</c> (multi-valued, max 4), <c>user_age</c>
    /// (numeric); item: <c>item_id</c>, <c>item_categories</c> (max 3), <c>item_price</c>,
    /// <c>item_ctr</c>; layers 16 → 8 and 12 → 8.
    /// </summary>
    public static RandomTwoTowerWeightsBuilder Standard()
    {
        var builder = new RandomTwoTowerWeightsBuilder();
        builder.User
            .WithCategorical("user_id", hashBuckets: 97, embeddingDim: 6)
            .WithMultiCategorical("user_tags", hashBuckets: 31, embeddingDim: 5, maxLength: 4)
            .WithNumeric("user_age", mean: 35.5f, std: 12.25f)
            .WithLayers(16, 8);
        builder.Item
            .WithCategorical("item_id", hashBuckets: 211, embeddingDim: 8)
            .WithMultiCategorical("item_categories", hashBuckets: 13, embeddingDim: 4, maxLength: 3)
            .WithNumeric("item_price", mean: 20f, std: 7.5f)
            .WithNumeric("item_ctr", mean: 0.03f, std: 0.02f)
            .WithLayers(12, 8);
        return builder;
    }

    public TwoTowerWeights Build(int seed)
    {
        var random = new Random(seed);
        TowerWeights user = User.Build(random);
        TowerWeights item = Item.Build(random);
        return new TwoTowerWeights(user, item, Temperature);
    }
}
