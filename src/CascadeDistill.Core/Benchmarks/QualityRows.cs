using CascadeDistill.Evaluation;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Benchmarks;

/// <summary>Turns pipeline run results into benchmark rows.</summary>
public static class QualityRows
{
    /// <summary>The baselines reported per stage: the teacher itself and item popularity (scorer names of the evaluator).</summary>
    public static IReadOnlyList<string> BaselineScorers { get; } = ["teacher", "popularity"];

    /// <summary>The student row of a finished run.</summary>
    public static QualityRow Student(QualityBenchmarkEntry entry, PipelineRunResult result, EvaluationDefinition protocol)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(result);
        EvaluationReport report = result.Evaluation ?? throw new InvalidDataException($"Run {result.RunId} of {result.Pipeline} has no evaluation report.");
        IReadOnlyDictionary<string, double> metrics = report.Metrics["student"];
        return new QualityRow(
            entry.Pipeline.Name,
            PipelineVocabulary.NameOf(entry.Stage),
            entry.Kind,
            Pick(metrics, QualityMetrics.TeacherAgreement(entry.Stage, protocol)),
            Pick(metrics, QualityMetrics.GroundTruth(protocol)),
            result.ParameterCount,
            result.TimingsSeconds.TryGetValue(nameof(RunStage.TrainStudent), out double seconds) ? seconds : null,
            entry.Pipeline.Dataset.Recipe,
            entry.DerivedFrom);
    }

    /// <summary>The baseline rows (teacher, popularity) of a stage, from one of its runs' reports.</summary>
    public static IEnumerable<QualityRow> Baselines(StudentStage stage, EvaluationReport report, EvaluationDefinition protocol)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (string scorer in BaselineScorers)
        {
            if (report.Metrics.TryGetValue(scorer, out IReadOnlyDictionary<string, double>? metrics))
            {
                yield return new QualityRow(
                    scorer,
                    PipelineVocabulary.NameOf(stage),
                    QualityRowKind.Baseline,
                    Pick(metrics, QualityMetrics.TeacherAgreement(stage, protocol)),
                    Pick(metrics, QualityMetrics.GroundTruth(protocol)));
            }
        }
    }

    /// <summary>The named metrics the scorer has, as finite numbers (absent or NaN metrics are left out).</summary>
    private static SortedDictionary<string, double> Pick(IReadOnlyDictionary<string, double> metrics, IReadOnlyList<string> names)
    {
        var picked = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (metrics.TryGetValue(name, out double value) && double.IsFinite(value))
            {
                picked[name] = value;
            }
        }
        return picked;
    }
}
