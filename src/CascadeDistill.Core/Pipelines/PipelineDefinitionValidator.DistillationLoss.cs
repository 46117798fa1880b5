namespace CascadeDistill.Pipelines;

/// <summary>Rules of <c>training.distillation_loss</c> (the pointwise recipe's teacher term).</summary>
public static partial class PipelineDefinitionValidator
{
    private static void ValidateDistillationLoss(PipelineFindings findings, DatasetDefinition dataset, TrainingDefinition training)
    {
        if (training.DistillationLoss is not DistillationLossDefinition loss)
        {
            return;
        }
        const string path = "training.distillation_loss";
        findings.OneOf(path + ".name", loss.Name, PipelineVocabulary.DistillationLosses);
        bool softTarget = loss.Name == DistillationLossDefinition.SoftTarget;
        if (softTarget)
        {
            if (loss.Temperature is not double temperature)
            {
                findings.Report(path + ".temperature", "is required with soft_target: T > 0 softening both the student's and the teacher's logit", path + ".name");
            }
            else
            {
                findings.Positive(path + ".temperature", temperature);
            }
            if (loss.TemperatureSquared is null)
            {
                findings.Report(path + ".temperature_squared",
                    "is required with soft_target (true or false): the soft term's gradient shrinks as 1/T², Hinton et al. multiply it by T² (docs/recipes.md)",
                    path + ".name");
            }
        }
        else if (!findings.IsUnreliable(path + ".name"))
        {
            if (loss.Temperature is not null)
            {
                findings.Report(path + ".temperature", $"applies to soft_target only (name is {loss.Name}): remove it", path + ".name");
            }
            if (loss.TemperatureSquared is not null)
            {
                findings.Report(path + ".temperature_squared", $"applies to soft_target only (name is {loss.Name}): remove it", path + ".name");
            }
        }
        if (loss.Name == DistillationLossDefinition.Bce || findings.IsUnreliable(path + ".name")
            || !PipelineVocabulary.DistillationLosses.Contains(loss.Name, StringComparer.Ordinal))
        {
            return;
        }
        if (dataset.Recipe != PipelineDefaults.Recipe)
        {
            if (!findings.IsUnreliable("dataset.recipe"))
            {
                findings.Report(path, $"{loss.Name} applies to the pointwise recipe only (dataset.recipe is {dataset.Recipe})", "dataset.recipe");
            }
            return;
        }
        if (dataset.Labels == GroundTruthLabels)
        {
            findings.Report(path, $"{loss.Name} distils the teacher's logit and cannot apply with dataset.labels: {GroundTruthLabels}", "dataset.labels");
        }
        if (training.SoftLabelWeight <= 0)
        {
            findings.Report("training.soft_label_weight",
                $"must be above 0 with training.distillation_loss {loss.Name} (it is the share of that loss; 0 trains on the hard labels alone)",
                path + ".name");
        }
        if (dataset.SoftLabel is not null)
        {
            findings.Report("dataset.soft_label",
                $"is unused with training.distillation_loss {loss.Name}, which reads the fused teacher logit: remove it",
                path + ".name");
        }
    }
}
