using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Core.Tests.Datasets;

public sealed class CatalogueNegativeSamplerTests
{
    private static readonly FeatureDefinition[] s_features =
    [
        new("user_id", FeatureSide.User, FeatureKind.Categorical, "user_id", 16, 4, 0),
        new("item_id", FeatureSide.Item, FeatureKind.Categorical, "item_id", 16, 4, 0),
        new("price", FeatureSide.Item, FeatureKind.Numeric, "item.price", 0, 0, 0),
    ];

    private static readonly Catalogue s_catalogue = new(
        [100, 101, 102, 103, 104, 105],
        new FeatureBatch(6, new Dictionary<string, FeatureColumn>
        {
            ["item_id"] = new CategoricalColumn([100, 101, 102, 103, 104, 105]),
            ["price"] = new NumericColumn([0f, 1f, 2f, 3f, 4f, 5f]),
        }));

    [Fact]
    public void AddNegatives_AddsDistinctUnscoredItemsWithUserOfRequestAndCatalogueFeatures()
    {
        var builder = new DatasetChunkBuilder(s_features);
        var sampler = new CatalogueNegativeSampler(s_catalogue, count: 3, seed: 1);

        sampler.AddNegatives(Request(), builder);
        DatasetChunk chunk = builder.Build();

        Assert.Equal(3, chunk.Count);
        Assert.Equal(3, sampler.Added);
        Assert.Equal(3, chunk.ItemIds.Distinct().Count());
        Assert.DoesNotContain(100L, chunk.ItemIds);
        Assert.DoesNotContain(101L, chunk.ItemIds);
        Assert.All(chunk.Labels, l => Assert.Equal(0f, l));
        Assert.All(chunk.SoftLabels, s => Assert.Equal(0f, s));
        Assert.All(chunk.Positions, p => Assert.Equal(DatasetChunkBuilder.SampledPosition, p));
        Assert.All(((CategoricalColumn)chunk.Features["user_id"]).Values, u => Assert.Equal(9L, u));
        float[] prices = ((NumericColumn)chunk.Features["price"]).Values;
        for (int i = 0; i < chunk.Count; i++)
        {
            Assert.Equal(chunk.ItemIds[i] - 100, prices[i]);
        }
    }

    [Fact]
    public void AddNegatives_MoreThanUnscoredItems_AddsEveryUnscoredItemOnce()
    {
        var builder = new DatasetChunkBuilder(s_features);
        var sampler = new CatalogueNegativeSampler(s_catalogue, count: 50, seed: 1);

        sampler.AddNegatives(Request(), builder);

        Assert.Equal([102L, 103L, 104L, 105L], builder.Build().ItemIds.Order());
    }

    [Fact]
    public void AddNegatives_SameSeed_SameItems()
    {
        long[] Draw(int seed)
        {
            var builder = new DatasetChunkBuilder(s_features);
            new CatalogueNegativeSampler(s_catalogue, 2, seed).AddNegatives(Request(), builder);
            return builder.Build().ItemIds;
        }

        Assert.Equal(Draw(3), Draw(3));
    }

    private static RequestBlock Request() => new()
    {
        RequestId = "r",
        EventTime = DateTimeOffset.UnixEpoch,
        UserId = 9,
        ItemIds = [100, 101],
        Positions = [1, 0],
        TeacherLogits = new Dictionary<string, float[]> { ["click"] = [1f, 0f] },
        Features = new FeatureBatch(2, new Dictionary<string, FeatureColumn>
        {
            ["user_id"] = new CategoricalColumn([9, 9]),
            ["item_id"] = new CategoricalColumn([100, 101]),
            ["price"] = new NumericColumn([0f, 1f]),
        }),
    };
}
