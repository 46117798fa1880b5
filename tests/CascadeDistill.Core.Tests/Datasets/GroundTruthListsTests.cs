using CascadeDistill.Datasets;
using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Datasets;

/// <summary>
/// Logged labels on the list recipes: ground-truth-only lists and pairs (<c>dataset.labels: ground_truth</c>),
/// and the inbatch recipe with <c>training.ground_truth</c> (logged label column, hard target in the weights).
/// </summary>
public sealed class GroundTruthListsTests
{
    private static readonly Dictionary<string, double> s_fusion = new() { ["click"] = 1.0 };

    [Theory]
    [InlineData(ListwiseRecipe.Name)]
    [InlineData(PairwiseRecipe.Name)]
    public void Apply_GroundTruthLists_LabelledCandidatesOnlyWithTheirClicks(string recipe)
    {
        // The teacher ranks 100 first; 101 was clicked, 100 and 103 shown but not clicked, 102 never shown.
        RequestBlock block = Labelled(Block("r1", [1, 2, 0, 3], click: [9, 1, 5, 0]), [0f, 1f, float.NaN, 0f]);

        DatasetChunk chunk = Build(recipe, [block], out RowAccounting accounting);

        Assert.Equal([100L, 101L, 103L], chunk.ItemIds);
        Assert.Equal([0f, 1f, 0f], chunk.Labels);
        Assert.Equal([1f, 1f, 1f], chunk.Weights);
        Assert.Equal(3, accounting.RowsUsed);
        Assert.Equal(1, accounting.SkippedRows[SkipReasons.Unlabelled]);
        Assert.True(accounting.IsBalanced);
    }

    [Theory]
    [InlineData(ListwiseRecipe.Name)]
    [InlineData(PairwiseRecipe.Name)]
    public void Apply_GroundTruthLists_RequestsWithoutContrastOrLabelsAreSkippedWithReasons(string recipe)
    {
        RequestBlock noClick = Labelled(Block("none", [1, 2, 3], click: [3, 2, 1]), [0f, 0f, 0f]);
        RequestBlock allClicked = Labelled(Block("all", [1, 2], click: [3, 2]), [1f, 1f]);
        RequestBlock oneShown = Labelled(Block("one", [1, 2, 3], click: [3, 2, 1]), [1f, float.NaN, float.NaN]);
        RequestBlock unlabelled = Block("nolabel", [1, 2], click: [3, 2]);

        DatasetChunk chunk = Build(recipe, [noClick, allClicked, oneShown, unlabelled], out RowAccounting accounting);

        Assert.Equal(0, chunk.Count);
        Assert.Equal(2, accounting.SkippedRequests[SkipReasons.NoLabelContrast]);
        Assert.Equal(1, accounting.SkippedRequests[SkipReasons.ListTooShort]);
        Assert.Equal(1, accounting.SkippedRequests[SkipReasons.NoLabels]);
        Assert.True(accounting.IsBalanced);
    }

    [Fact]
    public void Apply_InBatchWithGroundTruth_LoggedLabelsAndTheTopKOnlyInTheWeights()
    {
        var definition = new DatasetDefinition(InBatchRecipe.Name, 1, new PositionWeightDefinition(PositionWeightFunction.Inverse, 5, 0),
            s_fusion, SoftLabel: null, InBatch: new InBatchDefinition(1.0, 0.5));
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);
        var accounting = new RowAccounting();

        new InBatchRecipe(definition, groundTruthLabel: "click")
            .Apply(Labelled(Block("a", [1, 2, 0], click: [4, 3, 2]), [0f, 1f, float.NaN]), builder, accounting);
        DatasetChunk chunk = builder.Build();

        Assert.Equal([0f, 1f], chunk.Labels[..2]);
        Assert.True(float.IsNaN(chunk.Labels[2]));
        // top 1 weighs 1 + 5/1; the others 0: the weight column alone is the hard target
        Assert.Equal([6f, 0f, 0f], chunk.Weights);
    }

    private static DatasetChunk Build(string recipe, IEnumerable<RequestBlock> blocks, out RowAccounting accounting)
    {
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);
        accounting = new RowAccounting();
        DatasetDefinition definition = recipe == ListwiseRecipe.Name
            ? new(recipe, 2, PipelineDefaults.PositionWeight, s_fusion, SoftLabel: null, Listwise: new ListwiseDefinition(1.0),
                Labels: PipelineDefinitionValidator.GroundTruthLabels, Label: "click")
            : new(recipe, 2, PipelineDefaults.PositionWeight, s_fusion, SoftLabel: null,
                Pairwise: new PairwiseDefinition(new PairSamplingDefinition { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 3 }, MinListLength: 2),
                Labels: PipelineDefinitionValidator.GroundTruthLabels, Label: "click");
        foreach (RequestBlock block in blocks)
        {
            if (recipe == ListwiseRecipe.Name)
            {
                new ListwiseRecipe(definition).Apply(block, builder, accounting);
            }
            else
            {
                new PairwiseRecipe(definition, seed: 1).Apply(block, builder, accounting);
            }
        }
        return builder.Build();
    }

    private static RequestBlock Block(string id, int[] positions, float[] click) =>
        RecipeRequests.Block(id, positions, click, new float[positions.Length]);

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
