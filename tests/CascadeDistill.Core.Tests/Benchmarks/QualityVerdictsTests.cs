using CascadeDistill.Benchmarks;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Benchmarks;

/// <summary>The acceptance verdicts on hand-made rows (the protocol's metric names: k 10, candidates 50, catalogue 100).</summary>
public sealed class QualityVerdictsTests
{
    private const string Catalogue = "catalogue_recall@10in100";
    private const string Ndcg = "candidate_ndcg@10";
    private const string CandidateRecall = "candidate_recall@10in50";
    private const string Auc = "click_auc";
    private const string Hit = "click_hit_rate@10";

    private static readonly EvaluationDefinition s_protocol = PipelineDefaults.Evaluation;

    [Fact]
    public void Judge_RecallStage_PicksBestByCatalogueRecallAndComputesRelativeChanges()
    {
        QualityRow[] rows =
        [
            Recall("recall-a", QualityRowKind.Distilled, catalogue: 0.60, auc: 0.70, hit: 0.50),
            Recall("recall-b", QualityRowKind.Distilled, catalogue: 0.92, auc: 0.69, hit: 0.495),
            Recall("recall-gt", QualityRowKind.GroundTruthOnly, catalogue: 0.70, auc: 0.70, hit: 0.50),
            Recall("popularity", QualityRowKind.Baseline, catalogue: 0.30, auc: 0.60, hit: 0.40),
        ];

        IReadOnlyList<QualityVerdict> verdicts = QualityVerdicts.Judge(rows, s_protocol);

        // Best = recall-b (0.92): +31.4% over 0.70 on catalogue recall → pass; AUC −1.43%, hit −1.0% → both within 2% → pass.
        QualityVerdict gain = Find(verdicts, QualityVerdicts.TeacherAgreementGain, "recall");
        Assert.Equal(QualityVerdict.Pass, gain.Outcome);
        Assert.Contains("recall-b", gain.Detail, StringComparison.Ordinal);
        Assert.Contains("+31.4%", gain.Detail, StringComparison.Ordinal);
        QualityVerdict loss = Find(verdicts, QualityVerdicts.GroundTruthLoss, "recall");
        Assert.Equal(QualityVerdict.Pass, loss.Outcome);
        Assert.Contains("-1.4%", loss.Detail, StringComparison.Ordinal);
        Assert.Equal(QualityVerdict.Pass, Find(verdicts, QualityVerdicts.AbovePopularity, "recall").Outcome);
        Assert.Equal(QualityVerdict.Pass, Find(verdicts, QualityVerdicts.RecallCatalogueRecall, "recall").Outcome);
    }

    [Fact]
    public void Judge_GainJustBelowTwentyPercentOrLossAboveTwo_Fails()
    {
        QualityRow[] rows =
        [
            Recall("recall-a", QualityRowKind.Distilled, catalogue: 0.599, auc: 0.685, hit: 0.50),
            Recall("recall-gt", QualityRowKind.GroundTruthOnly, catalogue: 0.50, auc: 0.70, hit: 0.50),
            Recall("popularity", QualityRowKind.Baseline, catalogue: 0.30, auc: 0.60, hit: 0.40),
        ];

        IReadOnlyList<QualityVerdict> verdicts = QualityVerdicts.Judge(rows, s_protocol);

        Assert.Equal(QualityVerdict.Fail, Find(verdicts, QualityVerdicts.TeacherAgreementGain, "recall").Outcome); // +19.8%
        Assert.Equal(QualityVerdict.Fail, Find(verdicts, QualityVerdicts.GroundTruthLoss, "recall").Outcome);      // AUC −2.14%
        Assert.Equal(QualityVerdict.Fail, Find(verdicts, QualityVerdicts.RecallCatalogueRecall, "recall").Outcome); // 0.599 < 0.90
    }

    [Fact]
    public void Judge_PrerankStage_EveryTeacherAgreementMetricMustGainAndNdcgTargetApplies()
    {
        QualityRow[] rows =
        [
            Prerank("prerank-a", QualityRowKind.Distilled, ndcg: 0.86, recall: 0.90),
            Prerank("prerank-gt", QualityRowKind.GroundTruthOnly, ndcg: 0.60, recall: 0.80),
            Prerank("popularity", QualityRowKind.Baseline, ndcg: 0.40, recall: 0.70),
        ];

        IReadOnlyList<QualityVerdict> verdicts = QualityVerdicts.Judge(rows, s_protocol);

        // NDCG +43.3% but candidate recall only +12.5%: the gain rule needs both.
        QualityVerdict gain = Find(verdicts, QualityVerdicts.TeacherAgreementGain, "prerank");
        Assert.Equal(QualityVerdict.Fail, gain.Outcome);
        Assert.Contains("+12.5%", gain.Detail, StringComparison.Ordinal);
        Assert.Equal(QualityVerdict.Pass, Find(verdicts, QualityVerdicts.PrerankNdcg, "prerank").Outcome);
    }

    [Fact]
    public void Judge_DistilledBelowPopularityOnAnyMetric_FailsNamingIt()
    {
        QualityRow[] rows =
        [
            Prerank("prerank-a", QualityRowKind.Distilled, ndcg: 0.90, recall: 0.95),
            Prerank("prerank-weak", QualityRowKind.Distilled, ndcg: 0.50, recall: 0.95) with { GroundTruth = Gt(0.55, 0.50) },
            Prerank("prerank-gt", QualityRowKind.GroundTruthOnly, ndcg: 0.60, recall: 0.70),
            Prerank("popularity", QualityRowKind.Baseline, ndcg: 0.40, recall: 0.70),
        ];

        QualityVerdict verdict = Find(QualityVerdicts.Judge(rows, s_protocol), QualityVerdicts.AbovePopularity, "prerank");

        Assert.Equal(QualityVerdict.Fail, verdict.Outcome);
        Assert.Contains("prerank-weak click_auc 0.550 < 0.600", verdict.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("prerank-a", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_StageWithoutRows_IsMissingNotPass()
    {
        QualityRow[] rows = [Recall("recall-a", QualityRowKind.Distilled, catalogue: 0.95, auc: 0.7, hit: 0.5)];

        IReadOnlyList<QualityVerdict> verdicts = QualityVerdicts.Judge(rows, s_protocol);

        Assert.Equal(8, verdicts.Count);
        Assert.Equal(QualityVerdict.Missing, Find(verdicts, QualityVerdicts.TeacherAgreementGain, "recall").Outcome);
        Assert.Equal(QualityVerdict.Missing, Find(verdicts, QualityVerdicts.AbovePopularity, "recall").Outcome);
        Assert.All(verdicts.Where(v => v.Stage == "prerank"), v => Assert.Equal(QualityVerdict.Missing, v.Outcome));
    }

    [Theory]
    [InlineData(0.6, 0.5, 0.2)]
    [InlineData(0.49, 0.5, -0.02)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(0.1, 0.0, double.PositiveInfinity)]
    public void RelativeChange_HandCases(double value, double reference, double expected)
    {
        Assert.Equal(expected, QualityVerdicts.RelativeChange(value, reference), 10);
    }

    private static QualityVerdict Find(IReadOnlyList<QualityVerdict> verdicts, string rule, string stage) =>
        Assert.Single(verdicts, v => v.Rule == rule && v.Stage == stage);

    private static QualityRow Recall(string recipe, string kind, double catalogue, double auc, double hit) =>
        new(recipe, "recall", kind, new Dictionary<string, double> { [Catalogue] = catalogue }, Gt(auc, hit));

    private static QualityRow Prerank(string recipe, string kind, double ndcg, double recall) =>
        new(recipe, "prerank", kind, new Dictionary<string, double> { [Ndcg] = ndcg, [CandidateRecall] = recall }, kind == QualityRowKind.Baseline ? Gt(0.6, 0.4) : Gt(0.7, 0.5));

    private static Dictionary<string, double> Gt(double auc, double hit) => new() { [Auc] = auc, [Hit] = hit };
}
