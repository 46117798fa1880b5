using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Datasets;

public sealed class ListwiseRecipeTests
{
    private static readonly FeatureDefinition[] s_features = RecipeRequests.Features;

    [Fact]
    public void Apply_SeveralRequests_EachRequestContiguousInLogOrderWithFusedLogitsAndPositionWeights()
    {
        DatasetDefinition definition = Definition(topK: 2, minListLength: 2);
        var builder = new DatasetChunkBuilder(s_features);
        var accounting = new RowAccounting();
        var recipe = new ListwiseRecipe(definition);

        recipe.Apply(Block("a", [1, 2, 3, 0], click: [4, 3, 2, 1], finish: [2, 0, 0, 2]), builder, accounting);
        recipe.Apply(Block("b", [2, 1, 0], click: [1, 2, 0], finish: [0, 0, 0]), builder, accounting);
        DatasetChunk chunk = builder.Build();

        Assert.Equal(["a", "a", "a", "a", "b", "b", "b"], chunk.RequestIds);
        Assert.Equal([1, 2, 3, 0, 2, 1, 0], chunk.Positions);
        // fused = click + 0.5 · finish
        Assert.Equal([5f, 3f, 2f, 2f, 1f, 2f, 0f], chunk.TeacherLogits);
        // top 2 weigh 1 + 5/pos, every other candidate 1
        Assert.Equal([6f, 3.5f, 1f, 1f, 3.5f, 6f, 1f], chunk.Weights);
        Assert.Equal([1f, 1f, 0f, 0f, 1f, 1f, 0f], chunk.Labels);
        Assert.Equal(7, accounting.RowsUsed);
        Assert.Equal(2, accounting.RequestsUsed);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_ListShorterThanMinimum_SkippedWithListTooShort()
    {
        var builder = new DatasetChunkBuilder(s_features);
        var accounting = new RowAccounting();
        var recipe = new ListwiseRecipe(Definition(topK: 2, minListLength: 4));

        recipe.Apply(Block("short", [1, 2, 0], [1, 2, 3], [0, 0, 0]), builder, accounting);
        recipe.Apply(Block("single", [1], [1], [0]), builder, accounting);
        recipe.Apply(Block("ok", [1, 2, 3, 4], [1, 2, 3, 4], [0, 0, 0, 0]), builder, accounting);

        Assert.Equal(4, builder.Count);
        Assert.Equal(3, accounting.SkippedRows[SkipReasons.ListTooShort]);
        Assert.Equal(1, accounting.SkippedRows[SkipReasons.SingleCandidate]);
        Assert.Equal(8, accounting.RowsRead);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_NoRankedItem_SkippedWithNoRankedItems()
    {
        var builder = new DatasetChunkBuilder(s_features);
        var accounting = new RowAccounting();

        new ListwiseRecipe(Definition(topK: 2, minListLength: 2)).Apply(Block("cut", [0, 0, 0], [1, 2, 3], [0, 0, 0]), builder, accounting);

        Assert.Equal(0, builder.Count);
        Assert.Equal(3, accounting.SkippedRows[SkipReasons.NoRankedItems]);
    }

    [Fact]
    public void Constructor_WithoutSectionOrWithCatalogueNegatives_Throws()
    {
        DatasetDefinition valid = Definition(topK: 2, minListLength: 2);

        Assert.Throws<ArgumentException>(() => new ListwiseRecipe(valid with { Listwise = null }));
        Assert.Throws<ArgumentException>(() => new ListwiseRecipe(valid with { CatalogueNegatives = 5 }));
        Assert.Throws<ArgumentException>(() => new ListwiseRecipe(valid with { Recipe = PointwiseRecipe.Name }));
    }

    private static DatasetDefinition Definition(int topK, int minListLength) =>
        new(ListwiseRecipe.Name, topK, new PositionWeightDefinition(PositionWeightFunction.Inverse, 5, 0),
            new Dictionary<string, double> { ["click"] = 1.0, ["finish"] = 0.5 }, SoftLabel: null, CatalogueNegatives: 0,
            Listwise: new ListwiseDefinition(1.0, minListLength));

    private static RequestBlock Block(string requestId, int[] positions, float[] click, float[] finish) =>
        RecipeRequests.Block(requestId, positions, click, finish);
}
