using System.Globalization;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Benchmarks;

/// <summary>
/// Judges benchmark rows against issue 3's acceptance rules, per stage. A stage's <b>best distilled</b>
/// student is the distilled row with the highest value of the stage's first teacher-agreement metric
/// (recall: catalogue recall; pre-rank: NDCG@10). Relative change is <c>(best − reference) / reference</c>.
/// Rules:
/// <list type="bullet">
/// <item><c>teacher_agreement_gain</c>: best distilled ≥ ground-truth-only × (1 + 20%) on every teacher-agreement metric.</item>
/// <item><c>ground_truth_loss</c>: best distilled ≥ ground-truth-only × (1 − 2%) on every ground-truth metric.</item>
/// <item><c>above_popularity</c>: every distilled row ≥ popularity on every metric both have.</item>
/// <item><c>prerank_ndcg</c> (pre-rank): best NDCG@10 ≥ 0.85. <c>recall_catalogue_recall</c> (recall): best catalogue recall ≥ 0.90.</item>
/// </list>
/// </summary>
public static class QualityVerdicts
{
    public const string TeacherAgreementGain = "teacher_agreement_gain";
    public const string GroundTruthLoss = "ground_truth_loss";
    public const string AbovePopularity = "above_popularity";
    public const string PrerankNdcg = "prerank_ndcg";
    public const string RecallCatalogueRecall = "recall_catalogue_recall";

    /// <summary>Every rule on every stage, in a fixed order (recall first).</summary>
    public static IReadOnlyList<QualityVerdict> Judge(IReadOnlyList<QualityRow> rows, EvaluationDefinition protocol)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(protocol);
        var verdicts = new List<QualityVerdict>();
        foreach (StudentStage stage in new[] { StudentStage.Recall, StudentStage.Prerank })
        {
            string stageName = PipelineVocabulary.NameOf(stage);
            IReadOnlyList<string> agreement = QualityMetrics.TeacherAgreement(stage, protocol);
            IReadOnlyList<string> groundTruth = QualityMetrics.GroundTruth(protocol);
            QualityRow[] distilled = rows.Where(r => r.Stage == stageName && r.Kind == QualityRowKind.Distilled).ToArray();
            QualityRow? best = BestDistilled(distilled, agreement[0]);
            QualityRow? reference = rows.FirstOrDefault(r => r.Stage == stageName && r.Kind == QualityRowKind.GroundTruthOnly);
            QualityRow? popularity = rows.FirstOrDefault(r => r.Stage == stageName && r.Kind == QualityRowKind.Baseline && r.Recipe == "popularity");

            verdicts.Add(Compare(TeacherAgreementGain, stageName, best, reference, agreement, r => r.TeacherAgreement, QualityTargets.MinTeacherAgreementGain));
            verdicts.Add(Compare(GroundTruthLoss, stageName, best, reference, groundTruth, r => r.GroundTruth, -QualityTargets.MaxGroundTruthLoss));
            verdicts.Add(AbovePopularityVerdict(stageName, distilled, popularity));
            verdicts.Add(stage == StudentStage.Prerank
                ? Threshold(PrerankNdcg, stageName, best, agreement[0], QualityTargets.MinPrerankNdcg)
                : Threshold(RecallCatalogueRecall, stageName, best, agreement[0], QualityTargets.MinRecallCatalogueRecall));
        }
        return verdicts;
    }

    /// <summary>The distilled row with the highest <paramref name="metric"/> (ties: the first by recipe name); null when none has it.</summary>
    public static QualityRow? BestDistilled(IEnumerable<QualityRow> distilled, string metric) =>
        distilled
            .Where(r => r.TeacherAgreement.ContainsKey(metric))
            .OrderByDescending(r => r.TeacherAgreement[metric])
            .ThenBy(r => r.Recipe, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary><c>(value − reference) / reference</c>; +∞ when the reference is 0 and the value above it, 0 when both are 0.</summary>
    public static double RelativeChange(double value, double reference) =>
        reference == 0 ? (value > 0 ? double.PositiveInfinity : value < 0 ? double.NegativeInfinity : 0) : (value - reference) / Math.Abs(reference);

    private static QualityVerdict Compare(
        string rule, string stage, QualityRow? best, QualityRow? reference, IReadOnlyList<string> metrics,
        Func<QualityRow, IReadOnlyDictionary<string, double>> select, double minChange)
    {
        if (best is null || reference is null)
        {
            return new QualityVerdict(rule, stage, QualityVerdict.Missing, best is null ? "no distilled student on this stage" : "no ground-truth-only student on this stage");
        }
        var parts = new List<string>();
        bool pass = true;
        foreach (string metric in metrics)
        {
            if (!select(best).TryGetValue(metric, out double value) || !select(reference).TryGetValue(metric, out double baseline))
            {
                return new QualityVerdict(rule, stage, QualityVerdict.Missing, $"{metric} is missing from {best.Recipe} or {reference.Recipe}");
            }
            double change = RelativeChange(value, baseline);
            pass &= change >= minChange;
            parts.Add(Invariant($"{metric} {value:F3} vs {baseline:F3} ({Percent(change)})"));
        }
        string need = minChange >= 0 ? Invariant($"needs ≥ +{minChange * 100:F0}% on each") : Invariant($"needs ≥ {minChange * 100:F0}% on each");
        return new QualityVerdict(rule, stage, pass ? QualityVerdict.Pass : QualityVerdict.Fail,
            $"best distilled {best.Recipe} vs ground-truth-only {reference.Recipe}: {string.Join("; ", parts)} — {need}");
    }

    private static QualityVerdict AbovePopularityVerdict(string stage, QualityRow[] distilled, QualityRow? popularity)
    {
        if (distilled.Length == 0 || popularity is null)
        {
            return new QualityVerdict(AbovePopularity, stage, QualityVerdict.Missing, distilled.Length == 0 ? "no distilled student on this stage" : "no popularity baseline on this stage");
        }
        var below = new List<string>();
        foreach (QualityRow row in distilled)
        {
            foreach ((string metric, double value) in row.TeacherAgreement.Concat(row.GroundTruth))
            {
                double? baseline = popularity.TeacherAgreement.TryGetValue(metric, out double a) ? a
                    : popularity.GroundTruth.TryGetValue(metric, out double g) ? g : null;
                if (baseline is double b && value < b)
                {
                    below.Add(Invariant($"{row.Recipe} {metric} {value:F3} < {b:F3}"));
                }
            }
        }
        return below.Count == 0
            ? new QualityVerdict(AbovePopularity, stage, QualityVerdict.Pass, Invariant($"all {distilled.Length} distilled student(s) at or above popularity on every metric"))
            : new QualityVerdict(AbovePopularity, stage, QualityVerdict.Fail, "below popularity: " + string.Join("; ", below));
    }

    private static QualityVerdict Threshold(string rule, string stage, QualityRow? best, string metric, double target)
    {
        if (best is null || !best.TeacherAgreement.TryGetValue(metric, out double value))
        {
            return new QualityVerdict(rule, stage, QualityVerdict.Missing, $"no distilled student with {metric} on this stage");
        }
        return new QualityVerdict(rule, stage, value >= target ? QualityVerdict.Pass : QualityVerdict.Fail,
            Invariant($"best distilled {best.Recipe} {metric} {value:F3} (target ≥ {target:F2})"));
    }

    private static string Percent(double change) =>
        double.IsInfinity(change) ? (change > 0 ? "+∞%" : "−∞%") : Invariant($"{change * 100:+0.0;-0.0;0.0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
