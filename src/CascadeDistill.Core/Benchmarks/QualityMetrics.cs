using CascadeDistill.Evaluation;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Benchmarks;

/// <summary>
/// Which evaluation metrics the quality benchmark reports per stage, under its one evaluation
/// protocol (<see cref="PipelineDefaults.Evaluation"/>: k = 10, candidate n = 50, catalogue n = 100).
/// Teacher agreement — recall students: recall of the teacher's top 10 within the student's top 100
/// over the full catalogue; pre-rankers: NDCG@10 against the teacher's order and recall of the
/// teacher's top 10 within the student's top 50 candidates. Ground truth (both stages): click AUC
/// and click hit rate@10.
/// </summary>
public static class QualityMetrics
{
    /// <summary>The logged label the ground-truth metrics and the ground-truth-only students use.</summary>
    public const string GroundTruthLabel = "click";

    /// <summary>Teacher-agreement metric names of a stage, the first being the one that picks the stage's best student.</summary>
    public static IReadOnlyList<string> TeacherAgreement(StudentStage stage, EvaluationDefinition protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return stage == StudentStage.Recall
            ? [MetricNames.CatalogueRecall(protocol.TopK, protocol.CatalogueTopN)]
            : [MetricNames.CandidateNdcg(protocol.TopK), MetricNames.CandidateRecall(protocol.TopK, protocol.CandidateTopN)];
    }

    /// <summary>Ground-truth metric names (the same for both stages).</summary>
    public static IReadOnlyList<string> GroundTruth(EvaluationDefinition protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return [MetricNames.LabelAuc(GroundTruthLabel), MetricNames.LabelHitRate(GroundTruthLabel, protocol.TopK)];
    }
}
