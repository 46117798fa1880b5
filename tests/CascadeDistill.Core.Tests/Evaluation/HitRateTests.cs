using CascadeDistill.Evaluation;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Evaluation;

/// <summary>Hit rate@k: among requests with a positive label, the share whose top k candidates hold one.</summary>
public sealed class HitRateTests
{
    [Theory]
    [InlineData(new[] { 2, 1, 0 }, new[] { 0f, 1f, 0f }, 2, 1.0)]   // the clicked candidate 1 is ranked 2nd
    [InlineData(new[] { 2, 1, 0 }, new[] { 0f, 1f, 0f }, 1, 0.0)]   // … not 1st
    [InlineData(new[] { 0, 1, 2 }, new[] { 0f, 0f, 1f }, 3, 1.0)]   // k reaching the end of the list
    [InlineData(new[] { 0, 1, 2 }, new[] { float.NaN, 0f, 1f }, 2, 0.0)] // an unshown candidate (NaN) is not a click
    public void HitAtK_HandCases(int[] order, float[] labels, int k, double expected)
    {
        Assert.Equal(expected, RankingMetrics.HitAtK(order, labels, k));
    }

    [Fact]
    public void HitAtK_NoPositiveLabel_IsNullNotAMiss()
    {
        Assert.Null(RankingMetrics.HitAtK([0, 1, 2], [0f, float.NaN, 0f], 2));
    }

    [Fact]
    public void Evaluate_ClickHitRate_CountsOnlyRequestsWithAClick()
    {
        // The teacher ranks candidates in row order. Request a: click at row 1 (in the top 3); b: click at
        // row 8 (outside); c: no click, left out. Hit rate@3 = 1 / 2.
        var definition = new EvaluationDefinition(TopK: 3, CandidateTopN: 5, CatalogueTopN: 4, MaxRequests: 100, Seed: 7);
        var catalogue = new Catalogue([100, 101], new FeatureBatch(2, new Dictionary<string, FeatureColumn>()));
        RequestBlock[] requests = [Request("a", clickedRow: 1), Request("b", clickedRow: 8), Request("c", clickedRow: null)];

        EvaluationReport report = new StudentEvaluator(definition, catalogue)
            .Evaluate(requests, [new TeacherScorer(new Dictionary<string, double> { ["click"] = 1.0 })], CancellationToken.None);

        Assert.Equal(0.5, report.Get("teacher", MetricNames.LabelHitRate("click", 3)), 10);
        Assert.Equal("click_hit_rate@3", MetricNames.LabelHitRate("click", 3));
    }

    private static RequestBlock Request(string id, int? clickedRow)
    {
        const int n = 10;
        return new RequestBlock
        {
            RequestId = id,
            EventTime = DateTimeOffset.UnixEpoch,
            UserId = 1,
            ItemIds = Enumerable.Range(100, n).Select(i => (long)i).ToArray(),
            Positions = Enumerable.Range(1, n).ToArray(),
            TeacherLogits = new Dictionary<string, float[]> { ["click"] = Enumerable.Range(0, n).Select(i => (float)(n - i)).ToArray() },
            Labels = new Dictionary<string, float[]> { ["click"] = Enumerable.Range(0, n).Select(i => i == clickedRow ? 1f : 0f).ToArray() },
            Features = new FeatureBatch(n, new Dictionary<string, FeatureColumn>()),
        };
    }
}
