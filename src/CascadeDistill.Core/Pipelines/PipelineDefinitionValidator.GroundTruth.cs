namespace CascadeDistill.Pipelines;

/// <summary>Rules of <c>dataset.labels</c> and <c>dataset.label</c>: a student trained on logged ground truth alone.</summary>
public static partial class PipelineDefinitionValidator
{
    /// <summary><c>dataset.labels</c> value that trains on logged labels, without any teacher signal.</summary>
    public const string GroundTruthLabels = "ground_truth";

    private static void ValidateGroundTruth(PipelineFindings findings, DatasetDefinition dataset, LogWindowDefinition logs, TrainingDefinition training)
    {
        findings.OneOf("dataset.labels", dataset.Labels, PipelineVocabulary.LabelSources);
        if (findings.IsUnreliable("dataset.labels") || !PipelineVocabulary.LabelSources.Contains(dataset.Labels, StringComparer.Ordinal))
        {
            return;
        }
        if (dataset.Labels != GroundTruthLabels)
        {
            if (dataset.Label is not null)
            {
                findings.Report("dataset.label", $"applies only with dataset.labels: {GroundTruthLabels} (dataset.labels is {dataset.Labels}): remove it", "dataset.labels");
            }
            return;
        }
        if (dataset.Label is null)
        {
            findings.Report("dataset.label", $"is required with dataset.labels: {GroundTruthLabels}: the objective whose logged label column label.NAME is learnt, e.g. click", "dataset.labels");
        }
        else if (logs.Objectives.Count > 0 && !logs.Objectives.Contains(dataset.Label, StringComparer.Ordinal))
        {
            findings.Report("dataset.label",
                $"objective '{dataset.Label}' is not among logs.objectives ({string.Join(", ", logs.Objectives)}){Suggestions.DidYouMean(dataset.Label, logs.Objectives)}: labels are read for the declared objectives",
                "logs.objectives");
        }
        if (dataset.Recipe is not (PipelineDefaults.Recipe or ListwiseRecipeName or PairwiseRecipeName) && !findings.IsUnreliable("dataset.recipe"))
        {
            findings.Report("dataset.labels",
                $"{GroundTruthLabels} works with the pointwise, listwise and pairwise recipes only (dataset.recipe is {dataset.Recipe})",
                "dataset.recipe");
        }
        if (training.GroundTruth is not null)
        {
            findings.Report("training.ground_truth",
                $"must be left out with dataset.labels: {GroundTruthLabels}: the whole loss is on the logged label already",
                "dataset.labels");
        }
        if (dataset.PositionWeight.Function != PositionWeightFunction.Constant && !findings.IsUnreliable("dataset.position_weight.function"))
        {
            findings.Report("dataset.position_weight",
                $"must be constant (or left out) with dataset.labels: {GroundTruthLabels}: position weights favour the teacher's top K, and ground-truth rows all weigh 1",
                "dataset.labels");
        }
        if (dataset.SoftLabel is not null)
        {
            findings.Report("dataset.soft_label",
                $"must be left out with dataset.labels: {GroundTruthLabels}: a soft label is the teacher's logit",
                "dataset.labels");
        }
        if (training.SoftLabelWeight > 0)
        {
            findings.Report("training.soft_label_weight",
                $"must be 0 with dataset.labels: {GroundTruthLabels} (got {PipelineFindings.Text(training.SoftLabelWeight)})",
                "dataset.labels");
        }
    }
}
