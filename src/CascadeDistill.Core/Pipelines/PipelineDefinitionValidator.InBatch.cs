namespace CascadeDistill.Pipelines;

/// <summary>Rules of <c>dataset.inbatch</c> (the in-batch softmax recipe).</summary>
public static partial class PipelineDefinitionValidator
{
    private const string InBatchRecipeName = "inbatch";

    private static void ValidateInBatch(PipelineFindings findings, DatasetDefinition dataset, TrainingDefinition training)
    {
        bool inBatch = dataset.Recipe == InBatchRecipeName;
        if (inBatch && dataset.InBatch is null)
        {
            findings.Report("dataset.inbatch", "is required when dataset.recipe is inbatch (it needs at least teacher_temperature and distillation_weight)", "dataset.recipe");
        }
        else if (!inBatch && dataset.InBatch is not null && !findings.IsUnreliable("dataset.recipe"))
        {
            findings.Report("dataset.inbatch", $"applies to the inbatch recipe only (dataset.recipe is {dataset.Recipe}): remove the section or set the recipe to inbatch", "dataset.recipe");
        }
        if (dataset.InBatch is InBatchDefinition settings)
        {
            findings.Positive("dataset.inbatch.teacher_temperature", settings.TeacherTemperature);
            if (!(settings.DistillationWeight is >= 0 and <= 1))
            {
                findings.Report("dataset.inbatch.distillation_weight", $"must be between 0 and 1 (got {PipelineFindings.Text(settings.DistillationWeight)})");
            }
            findings.InRange("dataset.inbatch.frequency_buckets", settings.FrequencyBuckets, 1, PipelineLimits.MaxFrequencyBuckets);
            if (!(settings.FrequencyAlpha is > 0 and <= 1))
            {
                findings.Report("dataset.inbatch.frequency_alpha", $"must be greater than 0 and at most 1 (got {PipelineFindings.Text(settings.FrequencyAlpha)})");
            }
        }
        if (inBatch && training.SoftLabelWeight > 0)
        {
            findings.Report("training.soft_label_weight",
                $"must be 0 with the inbatch recipe, whose teacher term is dataset.inbatch.distillation_weight (got {PipelineFindings.Text(training.SoftLabelWeight)})",
                "dataset.recipe");
        }
    }
}
