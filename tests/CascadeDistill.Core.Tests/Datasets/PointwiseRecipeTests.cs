using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Datasets;

public sealed class PointwiseRecipeTests
{
    private static readonly FeatureDefinition[] s_features = RecipeRequests.Features;

    [Fact]
    public void Apply_InverseWeights_TopKArePositivesWithOnePlusAOverPosition()
    {
        // Positions 1..4 listed, two candidates cut (0).
        RequestBlock block = Block([1, 2, 3, 4, 0, 0], click: [4, 3, 2, 1, 0, -1], finish: [0, 0, 0, 0, 0, 0]);
        DatasetChunk chunk = Build(Definition(topK: 2, new PositionWeightDefinition(PositionWeightFunction.Inverse, 5, 0)), block, out RowAccounting accounting);

        Assert.Equal([1f, 1f, 0f, 0f, 0f, 0f], chunk.Labels);
        Assert.Equal(1 + (5.0 / 1), chunk.Weights[0], 5);
        Assert.Equal(1 + (5.0 / 2), chunk.Weights[1], 5);
        Assert.All(chunk.Weights[2..], w => Assert.Equal(1f, w));
        Assert.Equal(6, accounting.RowsRead);
        Assert.Equal(6, accounting.RowsUsed);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_ExponentialWeights_FollowExpMinusPositionOverLambda()
    {
        RequestBlock block = Block([1, 2, 3, 0], click: [3, 2, 1, 0], finish: [0, 0, 0, 0]);
        DatasetChunk chunk = Build(Definition(topK: 3, new PositionWeightDefinition(PositionWeightFunction.Exponential, 0, 2.0)), block, out _);

        Assert.Equal(Math.Exp(-1 / 2.0), chunk.Weights[0], 5);
        Assert.Equal(Math.Exp(-2 / 2.0), chunk.Weights[1], 5);
        Assert.Equal(Math.Exp(-3 / 2.0), chunk.Weights[2], 5);
        Assert.Equal(1f, chunk.Weights[3]);
    }

    [Fact]
    public void Apply_SoftLabel_IsSigmoidOfFusedLogitOverTemperature()
    {
        RequestBlock block = Block([1, 2], click: [2, -1], finish: [4, 1]);
        DatasetDefinition definition = Definition(topK: 1, new PositionWeightDefinition(PositionWeightFunction.Constant, 0, 0)) with
        {
            Fusion = new Dictionary<string, double> { ["click"] = 1.0, ["finish"] = 0.5 },
            SoftLabel = new SoftLabelDefinition(2.0),
        };
        DatasetChunk chunk = Build(definition, block, out _);

        double fused0 = 2 + (0.5 * 4); // 4
        double fused1 = -1 + (0.5 * 1); // -0.5
        Assert.Equal((float)fused0, chunk.TeacherLogits[0], 5);
        Assert.Equal((float)fused1, chunk.TeacherLogits[1], 5);
        Assert.Equal(1 / (1 + Math.Exp(-fused0 / 2)), chunk.SoftLabels[0], 5);
        Assert.Equal(1 / (1 + Math.Exp(-fused1 / 2)), chunk.SoftLabels[1], 5);
    }

    [Fact]
    public void Apply_NoSoftLabel_LeavesNaN()
    {
        DatasetChunk chunk = Build(Definition(topK: 1, new PositionWeightDefinition(PositionWeightFunction.Constant, 0, 0)), Block([1, 0], [1, 0], [0, 0]), out _);
        Assert.All(chunk.SoftLabels, s => Assert.True(float.IsNaN(s)));
    }

    [Fact]
    public void Apply_AllCandidatesCut_SkipsRequestWithReasonAndBalances()
    {
        DatasetChunk chunk = Build(Definition(topK: 2, new PositionWeightDefinition(PositionWeightFunction.Constant, 0, 0)), Block([0, 0, 0], [1, 2, 3], [0, 0, 0]), out RowAccounting accounting);

        Assert.Equal(0, chunk.Count);
        Assert.Equal(3, accounting.RowsRead);
        Assert.Equal(0, accounting.RowsUsed);
        Assert.Equal(3, accounting.SkippedRows[SkipReasons.NoRankedItems]);
        Assert.Equal(1, accounting.SkippedRequests[SkipReasons.NoRankedItems]);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_SingleCandidate_SkipsRequest()
    {
        Build(Definition(topK: 1, new PositionWeightDefinition(PositionWeightFunction.Constant, 0, 0)), Block([1], [1], [0]), out RowAccounting accounting);
        Assert.Equal(1, accounting.SkippedRows[SkipReasons.SingleCandidate]);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_CarriesFeaturesOfEachCandidate()
    {
        DatasetChunk chunk = Build(Definition(topK: 1, new PositionWeightDefinition(PositionWeightFunction.Constant, 0, 0)), Block([2, 1, 0], [0, 0, 0], [0, 0, 0]), out _);
        Assert.Equal([100L, 101L, 102L], ((CategoricalColumn)chunk.Features["item_id"]).Values);
        Assert.Equal([7L, 7L, 7L], ((CategoricalColumn)chunk.Features["user_id"]).Values);
        Assert.Equal([0f, 1f, 0f], chunk.Labels);
    }

    private static DatasetChunk Build(DatasetDefinition definition, RequestBlock block, out RowAccounting accounting)
    {
        var builder = new DatasetChunkBuilder(s_features);
        accounting = new RowAccounting();
        new PointwiseRecipe(definition).Apply(block, builder, accounting);
        return builder.Build();
    }

    private static DatasetDefinition Definition(int topK, PositionWeightDefinition weight) =>
        new(PointwiseRecipe.Name, topK, weight, new Dictionary<string, double> { ["click"] = 1.0 }, SoftLabel: null);

    private static RequestBlock Block(int[] positions, float[] click, float[] finish) =>
        RecipeRequests.Block("r1", positions, click, finish);
}
