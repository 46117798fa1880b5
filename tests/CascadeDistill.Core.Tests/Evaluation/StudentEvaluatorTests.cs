using CascadeDistill.Evaluation;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Evaluation;

public sealed class StudentEvaluatorTests
{
    private static readonly EvaluationDefinition s_definition = new(TopK: 3, CandidateTopN: 5, CatalogueTopN: 4, MaxRequests: 100, Seed: 7);

    [Fact]
    public void Evaluate_TeacherScores_AgreeFully()
    {
        EvaluationReport report = Evaluate(new TeacherScorer(new Dictionary<string, double> { ["click"] = 1.0 }));

        Assert.Equal(1.0, report.Get("teacher", MetricNames.CandidateNdcg(3)), 10);
        Assert.Equal(1.0, report.Get("teacher", MetricNames.CandidateRecall(3, 5)), 10);
    }

    [Fact]
    public void Evaluate_ConstantScores_DoNotInheritTheTeachersRowOrder()
    {
        // Rows are in the teacher's order; a scorer that ties everything must not get the teacher's NDCG.
        EvaluationReport report = Evaluate(new ConstantScorer());

        Assert.InRange(report.Get("constant", MetricNames.CandidateNdcg(3)), 0.0, 0.7);
        Assert.InRange(report.Get("constant", MetricNames.CandidateRecall(3, 5)), 0.0, 0.8);
    }

    [Fact]
    public void Evaluate_CatalogueScores_MeasureRecallOfTeacherTopInCatalogueTopN()
    {
        // The catalogue scorer ranks items 100..103 on top: the teacher's top 3 of every request are 100, 101, 102.
        EvaluationReport report = Evaluate(new ConstantScorer());
        Assert.Equal(1.0, report.Get("constant", MetricNames.CatalogueRecall(3, 4)), 10);
    }

    private static EvaluationReport Evaluate(IRankingScorer scorer)
    {
        long[] catalogueIds = Enumerable.Range(100, 20).Select(i => (long)i).ToArray();
        var catalogue = new Catalogue(catalogueIds, new FeatureBatch(20, new Dictionary<string, FeatureColumn>()));
        RequestBlock[] requests = Enumerable.Range(0, 50).Select(r => Request($"r{r}")).ToArray();
        return new StudentEvaluator(s_definition, catalogue).Evaluate(requests, [scorer], CancellationToken.None);
    }

    private static RequestBlock Request(string id)
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
            Features = new FeatureBatch(n, new Dictionary<string, FeatureColumn>()),
        };
    }

    private sealed class ConstantScorer : IRankingScorer
    {
        public string Name => "constant";

        public float[] ScoreCandidates(RequestBlock block) => new float[block.Count];

        public float[]? ScoreCatalogue(RequestBlock block) => Enumerable.Range(0, 20).Select(i => (float)(20 - i)).ToArray();
    }
}
