using CascadeDistill.Datasets;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Datasets;

public sealed class RankedListSourceTests
{
    [Fact]
    public void Select_Fine_KeepsTheBlock()
    {
        RequestBlock block = WithRerank(RecipeRequests.Block("a", [1, 2, 0], [3, 2, 1], [0, 0, 0]), [2, 1, 0]);

        Assert.Same(block, RankedListSource.Select(block, RankedList.Fine));
    }

    [Fact]
    public void Select_Rerank_RecipesSeeTheRerankedPositions()
    {
        RequestBlock block = WithRerank(RecipeRequests.Block("a", [1, 2, 3, 0], [3, 2, 1, 0], [0, 0, 0, 0]), [2, 1, 3, 0]);
        var definition = new DatasetDefinition(PointwiseRecipe.Name, 1, PipelineDefaults.PositionWeight,
            new Dictionary<string, double> { ["click"] = 1.0 }, SoftLabel: null);
        var builder = new DatasetChunkBuilder(RecipeRequests.Features);

        RequestBlock selected = RankedListSource.Select(block, RankedList.Rerank)!;
        new PointwiseRecipe(definition).Apply(selected, builder, new RowAccounting());
        DatasetChunk chunk = builder.Build();

        Assert.Equal([2, 1, 3, 0], selected.Positions);
        Assert.Equal(block.ItemIds, selected.ItemIds);
        Assert.Same(block.TeacherLogits, selected.TeacherLogits);
        // the re-ranked first item (row 1) is now the top-1 positive
        Assert.Equal([0f, 1f, 0f, 0f], chunk.Labels);
    }

    [Fact]
    public void Select_RerankWithoutRerankPositions_IsNull()
    {
        Assert.Null(RankedListSource.Select(RecipeRequests.Block("a", [1, 2], [1, 2], [0, 0]), RankedList.Rerank));
    }

    private static RequestBlock WithRerank(RequestBlock block, int[] rerank) => new()
    {
        RequestId = block.RequestId,
        EventTime = block.EventTime,
        UserId = block.UserId,
        ItemIds = block.ItemIds,
        Positions = block.Positions,
        RerankPositions = rerank,
        TeacherLogits = block.TeacherLogits,
        Features = block.Features,
    };
}
