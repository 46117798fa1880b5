using CascadeDistill.Evaluation;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Training;

namespace CascadeDistill.Core.Tests.Evaluation;

public sealed class HeadAgreementTests
{
    [Fact]
    public void ObjectiveRelevance_GradesTheObjectivesTopKByItsLogits()
    {
        // Logits 0.1, 3, -2, 3, 1 with k = 3: order by logit (ties: lower index first) is 1, 3, 4 → grades 3, 2, 1.
        double[] relevance = HeadAgreement.ObjectiveRelevance([0.1f, 3f, -2f, 3f, 1f], 3);

        Assert.Equal([0, 3, 0, 2, 1], relevance);
    }

    [Fact]
    public void HeadScores_DotProductOfTheHeadsSlices()
    {
        // Two heads of width 2. User [1, 0 | 0, 2]; items [1, 1 | 3, 0] and [0, 5 | 1, 1].
        float[] user = [1, 0, 0, 2];
        float[] items = [1, 1, 3, 0, 0, 5, 1, 1];

        Assert.Equal([1f, 0f], HeadAgreement.HeadScores(user, items, rows: 2, heads: 2, width: 2, head: 0));
        Assert.Equal([0f, 2f], HeadAgreement.HeadScores(user, items, rows: 2, heads: 2, width: 2, head: 1));
    }

    [Fact]
    public void Evaluate_HeadFollowingItsObjective_ScoresOne_HeadReversingIt_ScoresLess()
    {
        // Four candidates; the "score" feature is both heads' input: head a scores +score, head b −score.
        // Objective a's logits rise with score (head a agrees), objective b's too (head b has the reverse order).
        RequestBlock block = Block([0.1f, 0.4f, 0.3f, 0.9f], teacherA: [1f, 4f, 3f, 9f], teacherB: [1f, 4f, 3f, 9f]);
        var student = new FakeHeads();

        IReadOnlyDictionary<string, double> metrics = HeadAgreement.Evaluate(student, [block], k: 2, CancellationToken.None);

        Assert.Equal(1.0, metrics[HeadAgreement.HeadNdcg("a", 2)], 10);
        Assert.True(metrics[HeadAgreement.HeadNdcg("b", 2)] < 0.5, $"head b {metrics[HeadAgreement.HeadNdcg("b", 2)]}");
        Assert.Equal("a_head_ndcg@2", HeadAgreement.HeadNdcg("a", 2));
    }

    [Fact]
    public void Evaluate_RequestWithoutTheHeadsObjective_IsInvalidData()
    {
        RequestBlock block = Block([0.1f, 0.4f], teacherA: [1f, 2f], teacherB: null);

        Assert.Throws<InvalidDataException>(() => HeadAgreement.Evaluate(new FakeHeads(), [block], k: 2, CancellationToken.None));
    }

    private static RequestBlock Block(float[] scores, float[] teacherA, float[]? teacherB)
    {
        var teacher = new Dictionary<string, float[]>(StringComparer.Ordinal) { ["a"] = teacherA };
        if (teacherB is not null)
        {
            teacher["b"] = teacherB;
        }
        return new RequestBlock
        {
            RequestId = "r1",
            EventTime = DateTimeOffset.UnixEpoch,
            UserId = 1,
            ItemIds = [.. Enumerable.Range(0, scores.Length).Select(i => (long)i)],
            Positions = [.. Enumerable.Range(1, scores.Length)],
            TeacherLogits = teacher,
            Features = new FeatureBatch(scores.Length, new Dictionary<string, FeatureColumn> { ["score"] = new NumericColumn(scores) }),
        };
    }

    /// <summary>Heads of width 1: the user vector is [1 | -1], an item's [score | score].</summary>
    private sealed class FakeHeads : IMultiHeadStudent
    {
        public IReadOnlyList<string> HeadNames => ["a", "b"];

        public float[] EncodeUserHeads(FeatureBatch users) => [.. Enumerable.Range(0, users.RowCount).SelectMany(_ => new[] { 1f, -1f })];

        public float[] EncodeItemHeads(FeatureBatch items) =>
            [.. ((NumericColumn)items["score"]).Values.SelectMany(s => new[] { s, s })];
    }
}
