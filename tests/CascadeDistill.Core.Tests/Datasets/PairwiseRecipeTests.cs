using CascadeDistill.Datasets;
using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Datasets;

public sealed class PairwiseRecipeTests
{
    [Fact]
    public void Apply_Requests_RowsContiguousAndPairCountsMatchTheSampler()
    {
        DatasetDefinition definition = Definition(new PairSamplingDefinition { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 3, MaxPairsPerList = 2 });
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);
        var accounting = new RowAccounting();
        var recipe = new PairwiseRecipe(definition, seed: 9);

        // "a": ranks 1, 2, 3 → 3 pairs, capped to 2; "b": ranks 2, 1 and a cut item → 1 pair within the top 3 (2 listed).
        recipe.Apply(RecipeRequests.Block("a", [1, 2, 3, 0], click: [4, 3, 2, 1], finish: [0, 0, 0, 0]), builder, accounting);
        recipe.Apply(RecipeRequests.Block("b", [2, 1, 0], click: [1, 2, 0], finish: [0, 0, 0]), builder, accounting);
        DatasetChunk chunk = builder.Build();

        Assert.Equal(["a", "a", "a", "a", "b", "b", "b"], chunk.RequestIds);
        Assert.Equal([1, 2, 3, 0, 2, 1, 0], chunk.Positions);
        // all_pairs_top_m also pairs the listed items with the cut one when the list is shorter than M: b has (1,2), (1,cut), (2,cut).
        Assert.Equal(new PairAccounting(Lists: 2, PairsGenerated: 6, PairsDroppedZeroWeight: 0, PairsCapped: 2, PairsKept: 4), recipe.Pairs);
        var sampler = new PairSampler(definition.Pairwise!.Sampling, seed: 9);
        Assert.Equal(2, sampler.Sample("a", [1, 2, 3, 0]).Count);
        Assert.Equal(7, accounting.RowsUsed);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_DeltaNdcgWithEqualGrades_SkipsTheRequestWithNoPairs()
    {
        var sampling = new PairSamplingDefinition { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 4, Weighting = PairWeighting.DeltaNdcg };
        var grades = new RelevanceGradesDefinition(RelevanceGradesDefinition.RankBuckets, Buckets: [new(1, 10, 1)]);
        DatasetDefinition definition = Definition(sampling, grades);
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);
        var accounting = new RowAccounting();
        var recipe = new PairwiseRecipe(definition, seed: 1);

        // Every listed item grades 1 and nothing is cut: every ΔNDCG is 0.
        recipe.Apply(RecipeRequests.Block("flat", [1, 2, 3], click: [3, 2, 1], finish: [0, 0, 0]), builder, accounting);
        // A cut item grades 0: the listed items pair with it.
        recipe.Apply(RecipeRequests.Block("graded", [1, 2, 0], click: [3, 2, 1], finish: [0, 0, 0]), builder, accounting);

        Assert.Equal(3, accounting.SkippedRows[SkipReasons.NoPairs]);
        Assert.Equal(1, accounting.SkippedRequests[SkipReasons.NoPairs]);
        Assert.Equal(3, builder.Count);
        Assert.Equal(1, recipe.Pairs.PairsDroppedZeroWeight);
        Assert.Equal(2, recipe.Pairs.PairsKept);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_GroundTruthLabel_WritesTheLoggedLabelKeepingUnknownAsNaN()
    {
        DatasetDefinition definition = Definition(new PairSamplingDefinition { Strategy = PairSamplingStrategy.AllWithinTopM });
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);
        RequestBlock block = RecipeRequests.Block("a", [1, 2, 0], click: [3, 2, 1], finish: [0, 0, 0]);
        block = new RequestBlock
        {
            RequestId = block.RequestId,
            EventTime = block.EventTime,
            UserId = block.UserId,
            ItemIds = block.ItemIds,
            Positions = block.Positions,
            TeacherLogits = block.TeacherLogits,
            Labels = new Dictionary<string, float[]> { ["click"] = [0f, 1f, float.NaN] },
            Features = block.Features,
        };

        new PairwiseRecipe(definition, seed: 1, groundTruthLabel: "click").Apply(block, builder, new RowAccounting());
        Assert.Throws<InvalidDataException>(() => new PairwiseRecipe(definition, seed: 1, groundTruthLabel: "finish").Apply(block, builder, new RowAccounting()));

        Assert.Equal([0f, 1f, float.NaN], builder.Build().Labels);
    }

    [Fact]
    public void Apply_ShortOrUnrankedRequests_SkippedWithTheirReasons()
    {
        DatasetDefinition definition = Definition(new PairSamplingDefinition { Strategy = PairSamplingStrategy.AllWithinTopM }, minListLength: 3);
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);
        var accounting = new RowAccounting();
        var recipe = new PairwiseRecipe(definition, seed: 1);

        recipe.Apply(RecipeRequests.Block("single", [1], [1], [0]), builder, accounting);
        recipe.Apply(RecipeRequests.Block("short", [1, 2], [1, 2], [0, 0]), builder, accounting);
        recipe.Apply(RecipeRequests.Block("cut", [0, 0, 0], [1, 2, 3], [0, 0, 0]), builder, accounting);

        Assert.Equal(0, builder.Count);
        Assert.Equal(1, accounting.SkippedRows[SkipReasons.SingleCandidate]);
        Assert.Equal(2, accounting.SkippedRows[SkipReasons.ListTooShort]);
        Assert.Equal(3, accounting.SkippedRows[SkipReasons.NoRankedItems]);
        Assert.Equal(PairAccounting.Empty, recipe.Pairs);
    }

    private static DatasetDefinition Definition(PairSamplingDefinition sampling, RelevanceGradesDefinition? grades = null, int minListLength = 2) =>
        new(PairwiseRecipe.Name, 2, new PositionWeightDefinition(PositionWeightFunction.Inverse, 5, 0),
            new Dictionary<string, double> { ["click"] = 1.0, ["finish"] = 0.5 }, SoftLabel: null, CatalogueNegatives: 0,
            Pairwise: new PairwiseDefinition(sampling, grades, minListLength));
}
