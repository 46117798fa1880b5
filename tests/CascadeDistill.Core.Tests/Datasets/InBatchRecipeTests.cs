using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Datasets;

public sealed class InBatchRecipeTests
{
    private static readonly Catalogue s_catalogue = new(
        [100, 101, 102, 103, 104, 105, 106],
        new FeatureBatch(7, new Dictionary<string, FeatureColumn>
        {
            ["item_id"] = new CategoricalColumn([100, 101, 102, 103, 104, 105, 106]),
        }));

    [Fact]
    public void Apply_WithSampler_EachRequestsCandidatesThenItsNegativesContiguous()
    {
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);
        var accounting = new RowAccounting();
        var recipe = new InBatchRecipe(Definition());
        var sampler = new CatalogueNegativeSampler(s_catalogue, count: 2, seed: 3);

        recipe.Apply(RecipeRequests.Block("a", [1, 2, 0], click: [4, 3, 2], finish: [2, 0, 0]), builder, accounting, sampler);
        recipe.Apply(RecipeRequests.Block("b", [2, 1], click: [1, 2], finish: [0, 0]), builder, accounting, sampler);
        DatasetChunk chunk = builder.Build();

        Assert.Equal(["a", "a", "a", "a", "a", "b", "b", "b", "b"], chunk.RequestIds);
        int s = DatasetChunkBuilder.SampledPosition;
        Assert.Equal([1, 2, 0, s, s, 2, 1, s, s], chunk.Positions);
        // fused = click + 0.5 · finish for candidates; sampled negatives have none
        Assert.Equal([5f, 3f, 2f], chunk.TeacherLogits[..3]);
        Assert.All(chunk.TeacherLogits[3..5], t => Assert.True(float.IsNaN(t)));
        // top 1 is the hard positive, weight 1 + 5/1
        Assert.Equal([1f, 0f, 0f, 0f, 0f, 0f, 1f, 0f, 0f], chunk.Labels);
        Assert.Equal(6f, chunk.Weights[0]);
        Assert.DoesNotContain(chunk.ItemIds[3..5], id => id is 100 or 101 or 102);
        Assert.Equal(5, accounting.RowsUsed);
        Assert.Equal(4, sampler.Added);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_SingleCandidateOrNothingRanked_SkippedWithReasons()
    {
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);
        var accounting = new RowAccounting();
        var recipe = new InBatchRecipe(Definition());

        recipe.Apply(RecipeRequests.Block("single", [1], [1], [0]), builder, accounting);
        recipe.Apply(RecipeRequests.Block("cut", [0, 0], [1, 2], [0, 0]), builder, accounting);

        Assert.Equal(0, builder.Count);
        Assert.Equal(1, accounting.SkippedRows[SkipReasons.SingleCandidate]);
        Assert.Equal(2, accounting.SkippedRows[SkipReasons.NoRankedItems]);
    }

    [Fact]
    public void Constructor_WithoutSectionOrOtherRecipe_Throws()
    {
        Assert.Throws<ArgumentException>(() => new InBatchRecipe(Definition() with { InBatch = null }));
        Assert.Throws<ArgumentException>(() => new InBatchRecipe(Definition() with { Recipe = PointwiseRecipe.Name }));
    }

    private static DatasetDefinition Definition() =>
        new(InBatchRecipe.Name, 1, new PositionWeightDefinition(PositionWeightFunction.Inverse, 5, 0),
            new Dictionary<string, double> { ["click"] = 1.0, ["finish"] = 0.5 }, SoftLabel: null, CatalogueNegatives: 2,
            InBatch: new InBatchDefinition(1.0, 0.5));
}
