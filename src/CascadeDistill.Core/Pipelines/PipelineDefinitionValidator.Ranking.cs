using CascadeDistill.Datasets.Pairwise;

namespace CascadeDistill.Pipelines;

/// <summary>
/// Rules of the list and pair recipes: <c>dataset.listwise.loss</c> and its grades,
/// <c>dataset.pairwise</c>, <c>training.ground_truth</c> and <c>training.loss_weighting</c>.
/// </summary>
public static partial class PipelineDefinitionValidator
{
    private const string PairwiseRecipeName = "pairwise";
    private const string LambdaNdcgLoss = "lambda_ndcg";

    private static void ValidateRanking(PipelineFindings findings, DatasetDefinition dataset, TrainingDefinition training, LogWindowDefinition logs)
    {
        if (dataset.Listwise is ListwiseDefinition listwise)
        {
            findings.OneOf("dataset.listwise.loss", listwise.Loss, PipelineVocabulary.ListLosses);
            findings.Positive("dataset.listwise.sigma", listwise.Sigma);
            bool lambda = listwise.Loss == LambdaNdcgLoss;
            if (lambda && listwise.Grades is null)
            {
                findings.Report("dataset.listwise.grades", "is required when dataset.listwise.loss is lambda_ndcg (LambdaNDCG trains on graded relevance)", "dataset.listwise.loss");
            }
            else if (!lambda && listwise.Grades is not null && !findings.IsUnreliable("dataset.listwise.loss"))
            {
                findings.Report("dataset.listwise.grades", $"applies to dataset.listwise.loss lambda_ndcg only (loss is {listwise.Loss})", "dataset.listwise.loss");
            }
            ValidateGrades(findings, "dataset.listwise.grades", listwise.Grades);
        }
        ValidatePairwise(findings, dataset);
        ValidateGroundTruth(findings, dataset, training, logs);
    }

    private static void ValidatePairwise(PipelineFindings findings, DatasetDefinition dataset)
    {
        bool pairwise = dataset.Recipe == PairwiseRecipeName;
        if (pairwise && dataset.Pairwise is null)
        {
            findings.Report("dataset.pairwise", "is required when dataset.recipe is pairwise (it needs at least strategy)", "dataset.recipe");
        }
        else if (!pairwise && dataset.Pairwise is not null && !findings.IsUnreliable("dataset.recipe"))
        {
            findings.Report("dataset.pairwise", $"applies to the pairwise recipe only (dataset.recipe is {dataset.Recipe}): remove the section or set the recipe to pairwise", "dataset.recipe");
        }
        if (pairwise && dataset.CatalogueNegatives != 0)
        {
            findings.Report("dataset.catalogue_negatives",
                $"must be 0 with the pairwise recipe (got {PipelineFindings.Text(dataset.CatalogueNegatives)}): pairs are drawn from the logged candidates of a request",
                "dataset.recipe");
        }
        if (dataset.Pairwise is not PairwiseDefinition settings)
        {
            return;
        }
        foreach (string error in settings.Sampling.Validate())
        {
            ReportRelative(findings, "dataset.pairwise", error);
        }
        findings.InRange("dataset.pairwise.min_list_length", settings.MinListLength, PipelineDefaults.MinListLength, PipelineLimits.MaxMinListLength);
        bool deltaNdcg = settings.Sampling.Weighting == PairWeighting.DeltaNdcg;
        if (deltaNdcg && settings.Grades is null)
        {
            findings.Report("dataset.pairwise.grades", "is required when dataset.pairwise.weighting is delta_ndcg (ΔNDCG needs graded relevance)", "dataset.pairwise.weighting");
        }
        else if (!deltaNdcg && settings.Grades is not null && !findings.IsUnreliable("dataset.pairwise.weighting"))
        {
            findings.Report("dataset.pairwise.grades", "applies to dataset.pairwise.weighting delta_ndcg only", "dataset.pairwise.weighting");
        }
        ValidateGrades(findings, "dataset.pairwise.grades", settings.Grades);
    }

    private static void ValidateGrades(PipelineFindings findings, string path, RelevanceGradesDefinition? grades)
    {
        if (grades is null)
        {
            return;
        }
        if (!PipelineVocabulary.GradeSources.Contains(grades.From, StringComparer.Ordinal))
        {
            findings.OneOf(path + ".from", grades.From, PipelineVocabulary.GradeSources);
            return;
        }
        foreach (string error in grades.Validate())
        {
            ReportRelative(findings, path, error);
        }
    }

    private static void ValidateGroundTruth(PipelineFindings findings, DatasetDefinition dataset, TrainingDefinition training, LogWindowDefinition logs)
    {
        bool ranking = dataset.Recipe is ListwiseRecipeName or PairwiseRecipeName or InBatchRecipeName;
        findings.OneOf("training.loss_weighting", training.LossWeighting, PipelineVocabulary.LossWeightings);
        if (dataset.Recipe == PairwiseRecipeName && training.SoftLabelWeight > 0)
        {
            findings.Report("training.soft_label_weight",
                $"must be 0 with the pairwise recipe, which trains BPR (got {PipelineFindings.Text(training.SoftLabelWeight)})",
                "dataset.recipe");
        }
        if (training.GroundTruth is not GroundTruthDefinition groundTruth)
        {
            if (training.LossWeighting == "uncertainty")
            {
                findings.Report("training.loss_weighting", "uncertainty weighs two losses and needs training.ground_truth (the second loss)", "training.ground_truth");
            }
            return;
        }
        if (!ranking && !findings.IsUnreliable("dataset.recipe"))
        {
            findings.Report("training.ground_truth",
                $"applies to the listwise, pairwise and inbatch recipes only (dataset.recipe is {dataset.Recipe}); the pointwise recipe trains on labels already",
                "dataset.recipe");
        }
        if (logs.Objectives.Count > 0 && !logs.Objectives.Contains(groundTruth.Label, StringComparer.Ordinal))
        {
            findings.Report("training.ground_truth.label",
                $"label '{groundTruth.Label}' is not among logs.objectives ({string.Join(", ", logs.Objectives)}){Suggestions.DidYouMean(groundTruth.Label, logs.Objectives)}; labels are read from the column label.NAME of a logged objective",
                "logs.objectives");
        }
        findings.Positive("training.ground_truth.weight", groundTruth.Weight);
    }

    /// <summary>Reports a building block's <c>key: message</c> error under <paramref name="path"/>.</summary>
    private static void ReportRelative(PipelineFindings findings, string path, string error)
    {
        int colon = error.IndexOf(": ", StringComparison.Ordinal);
        string key = colon > 0 ? error[..colon] : "";
        string message = colon > 0 ? error[(colon + 2)..] : error;
        findings.Report(key.Length > 0 ? path + "." + key : path, message);
    }
}
