using System.Globalization;
using System.Text;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Benchmarks;

/// <summary><c>quality.md</c>: the machine, the command, one table per stage and the verdict of every acceptance rule.</summary>
public static class QualityReportMarkdown
{
    public static string Write(QualityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        Header(report, md);
        foreach (StudentStage stage in new[] { StudentStage.Recall, StudentStage.Prerank })
        {
            StageTable(report, stage, md);
        }
        md.AppendLine("## Verdicts (issue 3 acceptance)");
        md.AppendLine();
        md.AppendLine("| rule | stage | outcome | figures |");
        md.AppendLine("|---|---|---|---|");
        foreach (QualityVerdict verdict in report.Verdicts)
        {
            string outcome = verdict.Outcome switch
            {
                QualityVerdict.Pass => "✅ pass",
                QualityVerdict.Fail => "❌ fail",
                _ => "— missing",
            };
            md.AppendLine($"| `{verdict.Rule}` | {verdict.Stage} | {outcome} | {Escape(verdict.Detail)} |");
        }
        md.AppendLine();
        md.AppendLine(Invariant($"Rules: the best distilled student of a stage (highest first teacher-agreement metric) beats the ground-truth-only student by ≥ {QualityTargets.MinTeacherAgreementGain * 100:F0}% relative on every teacher-agreement metric and loses ≤ {QualityTargets.MaxGroundTruthLoss * 100:F0}% relative on every ground-truth metric; every distilled student is at or above popularity on every metric; the best pre-ranker reaches NDCG@10 ≥ {QualityTargets.MinPrerankNdcg:F2}; the best recall student retrieves ≥ {QualityTargets.MinRecallCatalogueRecall * 100:F0}% of the teacher's top 10 within its top 100. Computed by `QualityVerdicts` from the rows above."));
        return md.ToString();
    }

    private static void Header(QualityReport report, StringBuilder md)
    {
        BenchmarkMachine m = report.Machine;
        md.AppendLine("# Quality benchmark");
        md.AppendLine();
        md.AppendLine($"- **Command**: `{report.Command}`");
        md.AppendLine(Invariant($"- **Ran**: {report.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {report.TotalSeconds / 60:F1} min in total (simulation, every run, the report)"));
        string memory = m.MemoryBytes is long bytes ? Invariant($", {bytes / (1024.0 * 1024 * 1024):F0} GiB") : "";
        md.AppendLine(Invariant($"- **Machine**: {m.Cpu ?? "unknown CPU"}, {m.LogicalCores} logical cores{memory}; {m.Os}, {m.Architecture}; {m.Runtime}"));
        if (!string.IsNullOrWhiteSpace(report.Note))
        {
            md.AppendLine($"- **Note**: {Escape(report.Note)}");
        }
        var s = report.Simulation;
        md.AppendLine(Invariant($"- **World**: simulated, seed {s.Seed}, {s.Days} days from {s.StartDay:yyyy-MM-dd} × {s.RequestsPerDay:N0} requests × {s.CandidatesPerRequest} candidates (final list {s.ListLength}), {s.Users:N0} users, {s.Items:N0} items; each pipeline's window ends on the last day, which is held out"));
        var e = report.Evaluation;
        md.AppendLine(Invariant($"- **Protocol** (every row): up to {e.MaxRequests:N0} held-out requests (seed {e.Seed}); k = {e.TopK}, top {e.CandidateTopN} of the candidates, top {e.CatalogueTopN} of the catalogue"));
        md.AppendLine($"- **Metrics**: `catalogue_recall@{e.TopK}in{e.CatalogueTopN}` share of the teacher's top {e.TopK} found in the scorer's top {e.CatalogueTopN} of the whole catalogue; " +
            $"`candidate_ndcg@{e.TopK}` NDCG of the scorer's candidate order against the teacher's (grades {e.TopK}..1 for the teacher's positions 1..{e.TopK}); " +
            $"`candidate_recall@{e.TopK}in{e.CandidateTopN}` share of the teacher's top {e.TopK} in the scorer's top {e.CandidateTopN} candidates; " +
            $"`{QualityMetrics.GroundTruthLabel}_auc` AUC on logged clicks of shown candidates; " +
            $"`{QualityMetrics.GroundTruthLabel}_hit_rate@{e.TopK}` among held-out requests with a click, the share whose scorer's top {e.TopK} candidates hold a clicked item. Means over requests");
        md.AppendLine();
    }

    private static void StageTable(QualityReport report, StudentStage stage, StringBuilder md)
    {
        string stageName = PipelineVocabulary.NameOf(stage);
        QualityRow[] rows = report.Rows.Where(r => r.Stage == stageName).ToArray();
        if (rows.Length == 0)
        {
            return;
        }
        IReadOnlyList<string> agreement = QualityMetrics.TeacherAgreement(stage, report.Evaluation);
        IReadOnlyList<string> groundTruth = QualityMetrics.GroundTruth(report.Evaluation);
        md.AppendLine(stage == StudentStage.Recall ? "## Recall students" : "## Pre-ranking students");
        md.AppendLine();
        md.Append("| recipe | kind | dataset | parameters | training s |");
        foreach (string metric in agreement.Concat(groundTruth))
        {
            md.Append($" {metric} |");
        }
        md.AppendLine();
        md.Append("|---|---|---|---:|---:|");
        md.AppendLine(string.Concat(Enumerable.Repeat("---:|", agreement.Count + groundTruth.Count)));
        foreach (QualityRow row in rows)
        {
            string recipe = row.DerivedFrom is null ? row.Recipe : $"{row.Recipe} (from {row.DerivedFrom})";
            md.Append(Invariant($"| {recipe} | {row.Kind} | {row.DatasetRecipe ?? "—"} | {(row.Parameters is long p ? p.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {(row.TrainingSeconds is double t ? t.ToString("F1", CultureInfo.InvariantCulture) : "—")} |"));
            foreach (string metric in agreement)
            {
                md.Append($" {Figure(row.TeacherAgreement, metric)} |");
            }
            foreach (string metric in groundTruth)
            {
                md.Append($" {Figure(row.GroundTruth, metric)} |");
            }
            md.AppendLine();
        }
        md.AppendLine();
    }

    private static string Figure(IReadOnlyDictionary<string, double> metrics, string name) =>
        metrics.TryGetValue(name, out double value) ? value.ToString("F3", CultureInfo.InvariantCulture) : "—";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
