using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Datasets;

/// <summary>
/// Which logged order a dataset learns from (<c>dataset.ranked_list</c>): the fine ranker's positions
/// (<see cref="RequestBlock.Positions"/>, the default) or the re-ranked ones
/// (<see cref="RequestBlock.RerankPositions"/>, log column <c>rerank_position</c>), so the student also
/// learns what re-ranking adds (diversity, business rules). With <c>rerank</c>, the request is seen by
/// every recipe as if the re-ranked list were its final list; a request logged without re-rank
/// positions is skipped with <see cref="SkipReasons.NoRerankPositions"/>.
/// </summary>
public static class RankedListSource
{
    /// <summary>The block to build examples from, or null when it has no re-rank positions to learn from.</summary>
    public static RequestBlock? Select(RequestBlock block, RankedList rankedList)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (rankedList == RankedList.Fine)
        {
            return block;
        }
        if (block.RerankPositions is not int[] rerank)
        {
            return null;
        }
        return new RequestBlock
        {
            RequestId = block.RequestId,
            EventTime = block.EventTime,
            UserId = block.UserId,
            ItemIds = block.ItemIds,
            Positions = rerank,
            RerankPositions = rerank,
            TeacherLogits = block.TeacherLogits,
            Labels = block.Labels,
            Features = block.Features,
        };
    }
}
