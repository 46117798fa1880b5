using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Datasets;

/// <summary>The pointwise recipe with <c>labels: ground_truth</c>: logged labels alone, no teacher signal.</summary>
public sealed class GroundTruthRowsTests
{
    [Fact]
    public void Apply_GroundTruth_LabelledCandidatesOnlyWithLoggedLabelsAndUnitWeights()
    {
        // The teacher ranks 100 first, but only 101 was clicked; 102 and 103 were never shown (NaN).
        RequestBlock block = Labelled(Block([1, 2, 0, 0], click: [9, 1, 5, 0]), [0f, 1f, float.NaN, float.NaN]);

        DatasetChunk chunk = Build(GroundTruth(), block, out RowAccounting accounting);

        Assert.Equal([100L, 101L], chunk.ItemIds);
        Assert.Equal([0f, 1f], chunk.Labels);
        Assert.Equal([1f, 1f], chunk.Weights);
        Assert.All(chunk.SoftLabels, s => Assert.True(float.IsNaN(s)));
        Assert.Equal(4, accounting.RowsRead);
        Assert.Equal(2, accounting.RowsUsed);
        Assert.Equal(2, accounting.SkippedRows[SkipReasons.Unlabelled]);
        Assert.Equal(1, accounting.RequestsUsed);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_GroundTruth_IgnoresTopKAndPositionWeights()
    {
        // top_k 1 with teacher labels would make 100 the only positive; ground truth follows the clicks.
        RequestBlock block = Labelled(Block([1, 2, 3], click: [3, 2, 1]), [0f, 0f, 1f]);

        DatasetChunk teacher = Build(GroundTruth() with { Labels = PipelineDefaults.Labels, Label = null }, block, out _);
        DatasetChunk truth = Build(GroundTruth(), block, out _);

        Assert.Equal([1f, 0f, 0f], teacher.Labels);
        Assert.Equal([0f, 0f, 1f], truth.Labels);
    }

    [Fact]
    public void Apply_GroundTruthWithoutAnyLabel_SkipsRequestAsNoLabels()
    {
        RequestBlock unlabelled = Block([1, 2, 3], click: [3, 2, 1]);
        RequestBlock allNaN = Labelled(Block([1, 2, 3], click: [3, 2, 1]), [float.NaN, float.NaN, float.NaN]);

        DatasetChunk chunk = Build(GroundTruth(), unlabelled, out RowAccounting first);
        Build(GroundTruth(), allNaN, out RowAccounting second);

        Assert.Equal(0, chunk.Count);
        Assert.Equal(3, first.SkippedRows[SkipReasons.NoLabels]);
        Assert.Equal(1, second.SkippedRequests[SkipReasons.NoLabels]);
        Assert.True(first.IsBalanced);
        Assert.True(second.IsBalanced);
    }

    private static DatasetDefinition GroundTruth() => new(
        PointwiseRecipe.Name, 1, PipelineDefaults.PositionWeight, new Dictionary<string, double> { ["click"] = 1.0 }, SoftLabel: null,
        Labels: PipelineDefinitionValidator.GroundTruthLabels, Label: "click");

    private static DatasetChunk Build(DatasetDefinition definition, RequestBlock block, out RowAccounting accounting)
    {
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);
        accounting = new RowAccounting();
        new PointwiseRecipe(definition).Apply(block, builder, accounting);
        return builder.Build();
    }

    private static RequestBlock Block(int[] positions, float[] click) =>
        RecipeRequests.Block("r1", positions, click, new float[positions.Length]);

    private static RequestBlock Labelled(RequestBlock block, float[] clicks) => new()
    {
        RequestId = block.RequestId,
        EventTime = block.EventTime,
        UserId = block.UserId,
        ItemIds = block.ItemIds,
        Positions = block.Positions,
        TeacherLogits = block.TeacherLogits,
        Labels = new Dictionary<string, float[]> { ["click"] = clicks },
        Features = block.Features,
    };
}
