using CascadeDistill.Evaluation;

namespace CascadeDistill.Core.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    [Fact]
    public void TopN_ReturnsHighestScoresBestFirst_TiesByLowerIndex()
    {
        float[] scores = [0.1f, 0.9f, 0.5f, 0.9f, 0.3f];
        Assert.Equal([1, 3, 2], RankingMetrics.TopN(scores, 3));
        Assert.Equal([1, 3, 2, 4, 0], RankingMetrics.TopN(scores, 10));
    }

    [Fact]
    public void Recall_CountsRelevantFound()
    {
        Assert.Equal(2.0 / 3, RankingMetrics.Recall([1L, 2L, 3L], [3L, 9L, 1L]), 10);
        Assert.True(double.IsNaN(RankingMetrics.Recall(Array.Empty<long>(), [1L])));
    }

    [Fact]
    public void Ndcg_IdealOrderIsOne_ReversedIsHandComputed()
    {
        double[] relevance = [3, 2, 1, 0];
        Assert.Equal(1.0, RankingMetrics.Ndcg([0, 1, 2, 3], relevance, 3), 10);
        // Order 3,2,1: DCG = 0/log2(2) + 1/log2(3) + 2/log2(4); IDCG = 3 + 2/log2(3) + 1/2.
        double dcg = (1 / Math.Log2(3)) + (2 / 2.0);
        double idcg = 3 + (2 / Math.Log2(3)) + 0.5;
        Assert.Equal(dcg / idcg, RankingMetrics.Ndcg([3, 2, 1, 0], relevance, 3), 10);
    }

    [Fact]
    public void TeacherRelevance_GradesTopKFromKDownToOne()
    {
        Assert.Equal([3.0, 2.0, 1.0, 0.0, 0.0], RankingMetrics.TeacherRelevance([1, 2, 3, 4, 0], 3));
    }

    [Fact]
    public void Auc_PerfectInvertedAndTied()
    {
        Assert.Equal(1.0, RankingMetrics.Auc([0.9f, 0.8f, 0.1f], [1f, 1f, 0f]), 10);
        Assert.Equal(0.0, RankingMetrics.Auc([0.1f, 0.2f, 0.9f], [1f, 1f, 0f]), 10);
        Assert.Equal(0.5, RankingMetrics.Auc([0.5f, 0.5f], [1f, 0f]), 10);
        // One positive (0.6) above one of two negatives (0.4, 0.8): 1/2.
        Assert.Equal(0.5, RankingMetrics.Auc([0.4f, 0.6f, 0.8f], [0f, 1f, 0f]), 10);
        Assert.True(double.IsNaN(RankingMetrics.Auc([0.1f], [1f])));
    }
}
