namespace CascadeDistill.Pipelines;

/// <summary>Rules of <c>student.heads</c> (per-objective heads on a shared bottom).</summary>
public static partial class PipelineDefinitionValidator
{
    private static void ValidateHeads(PipelineFindings findings, StudentDefinition student, DatasetDefinition dataset, TrainingDefinition training)
    {
        findings.OneOf("student.heads", student.Heads, StudentHeads.All);
        if (student.Heads != StudentHeads.PerObjective)
        {
            return;
        }
        if (dataset.Recipe != PipelineDefaults.Recipe && !findings.IsUnreliable("dataset.recipe"))
        {
            findings.Report("student.heads",
                $"per_objective heads are distilled pointwise in this version: set dataset.recipe to pointwise (got {dataset.Recipe}) or student.heads to single",
                "dataset.recipe");
        }
        if (dataset.Labels != PipelineDefaults.Labels && !findings.IsUnreliable("dataset.labels"))
        {
            findings.Report("student.heads",
                $"per_objective heads learn the teacher's objectives: they need dataset.labels: {PipelineDefaults.Labels} (got {dataset.Labels})",
                "dataset.labels");
        }
        if (dataset.Fusion.Count < 2 && !findings.IsUnreliable("dataset.fusion"))
        {
            findings.Report("student.heads",
                $"per_objective needs at least two objectives in dataset.fusion (got {dataset.Fusion.Count}); with one objective use heads: single",
                "dataset.fusion");
        }
        if (dataset.SoftLabel is null)
        {
            findings.Report("dataset.soft_label",
                "is required with student.heads: per_objective: each head's target is sigmoid(teacher.OBJECTIVE / temperature)",
                "student.heads");
        }
        if (training.DistillationLoss is { } loss && loss.Name != DistillationLossDefinition.Bce && !findings.IsUnreliable("training.distillation_loss"))
        {
            findings.Report("training.distillation_loss",
                $"per_objective heads are trained with BCE on each head's soft label in this version: leave training.distillation_loss out or set it to bce (got {loss.Name})",
                "student.heads");
        }
        if (!(training.SoftLabelWeight > 0) && !findings.IsUnreliable("training.soft_label_weight"))
        {
            findings.Report("training.soft_label_weight",
                $"must be greater than 0 with student.heads: per_objective, or no head learns its own objective (got {PipelineFindings.Text(training.SoftLabelWeight)})",
                "student.heads");
        }
    }
}
