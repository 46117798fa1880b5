using CascadeDistill.Datasets.Listwise;
using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Training;

/// <summary>
/// What the list and pair objectives need beyond the rows: the grader (LambdaNDCG), the pair drawer
/// (BPR; it draws the pairs the dataset manifest counted), and the ground-truth mix: the label
/// column (holding the logged label) enters a BCE with <see cref="GroundTruthWeight"/>, and with
/// <see cref="LearnedWeighting"/> both terms are weighted by learned uncertainty instead.
/// </summary>
/// <param name="Grader">Grades for <see cref="TrainingObjective.LambdaNdcg"/>; null otherwise.</param>
/// <param name="Pairs">Draws each request's pairs for <see cref="TrainingObjective.Bpr"/>; null otherwise.</param>
/// <param name="Sigma">LambdaNDCG's σ &gt; 0.</param>
/// <param name="GroundTruthWeight">Weight of the ground-truth BCE; 0 = distillation only.</param>
/// <param name="LearnedWeighting">Weigh the distillation and ground-truth losses by learned uncertainty.</param>
/// <param name="GroundTruthOnly">
/// <c>dataset.labels: ground_truth</c>: the label column (logged 0/1) is the only signal; ListNet's target is the
/// clicked candidates' uniform distribution, LambdaNDCG's grades are the labels, BPR pairs every clicked
/// candidate with every candidate that was not clicked (weight 1).
/// </param>
public sealed record RankingTrainingOptions(
    IRelevanceGrader? Grader,
    RequestPairDrawer? Pairs,
    double Sigma,
    double GroundTruthWeight,
    bool LearnedWeighting,
    bool GroundTruthOnly = false)
{
    /// <summary>The objective a pipeline's recipe trains.</summary>
    public static TrainingObjective ObjectiveOf(PipelineDefinition pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (pipeline.Dataset.InBatch is not null)
        {
            return TrainingObjective.InBatchSoftmax;
        }
        if (pipeline.Dataset.Pairwise is not null)
        {
            return TrainingObjective.Bpr;
        }
        if (pipeline.Dataset.Listwise is ListwiseDefinition listwise)
        {
            return listwise.Loss == "lambda_ndcg" ? TrainingObjective.LambdaNdcg : TrainingObjective.ListNet;
        }
        return TrainingObjective.WeightedBce;
    }

    /// <summary>The options of a list or pair pipeline, or of an inbatch pipeline with ground truth; null otherwise.</summary>
    /// <exception cref="Datasets.RecipeDefinitionException">A grades or pair sampling declaration has errors.</exception>
    public static RankingTrainingOptions? From(PipelineDefinition pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        DatasetDefinition dataset = pipeline.Dataset;
        if (dataset.Listwise is null && dataset.Pairwise is null && (dataset.InBatch is null || pipeline.Training.GroundTruth is null))
        {
            return null;
        }
        return new RankingTrainingOptions(
            dataset.Listwise?.Grades?.CreateGrader(),
            dataset.Pairwise is null ? null : new RequestPairDrawer(dataset.Pairwise, pipeline.Training.Seed),
            dataset.Listwise?.Sigma ?? PipelineDefaults.LambdaSigma,
            pipeline.Training.GroundTruth?.Weight ?? 0,
            pipeline.Training.LossWeighting == "uncertainty",
            pipeline.Dataset.Labels == PipelineDefinitionValidator.GroundTruthLabels);
    }
}
