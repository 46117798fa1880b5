using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary>The rules of <c>dataset.inbatch</c>, each starting from a valid text and breaking one thing.</summary>
public sealed class PipelineDefinitionValidatorInBatchTests
{
    private const string InBatch = "top_k: 5\n  recipe: inbatch\n  inbatch:\n    teacher_temperature: 1.0\n    distillation_weight: 0.5";

    [Theory]
    [InlineData("top_k: 5\n  recipe: inbatch", "dataset.inbatch", "is required when dataset.recipe is inbatch")]
    [InlineData("top_k: 5\n  inbatch:\n    teacher_temperature: 1.0\n    distillation_weight: 0.5", "dataset.inbatch", "applies to the inbatch recipe only")]
    [InlineData(InBatch + "\n    frequency_alpha: 0", "dataset.inbatch.frequency_alpha", "must be greater than 0 and at most 1 (got 0)")]
    [InlineData(InBatch + "\n    frequency_buckets: 0", "dataset.inbatch.frequency_buckets", "must be between 1 and 67108864 (got 0)")]
    [InlineData("top_k: 5\n  recipe: inbatch\n  inbatch:\n    teacher_temperature: 0\n    distillation_weight: 0.5", "dataset.inbatch.teacher_temperature", "greater than 0 (got 0)")]
    [InlineData("top_k: 5\n  recipe: inbatch\n  inbatch:\n    teacher_temperature: 1\n    distillation_weight: 1.5", "dataset.inbatch.distillation_weight", "must be between 0 and 1 (got 1.5)")]
    [InlineData(InBatch + "\n    temperature: 1", "dataset.inbatch.temperature", "")]
    public void Parse_BrokenInBatchSection_ReportsPath(string replacement, string path, string message)
    {
        string yaml = PipelineYaml.Minimal.Edit("top_k: 5", replacement);

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, path);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InBatchWithSoftLabelWeight_ReportsTheDistillationWeightInstead()
    {
        string yaml = PipelineYaml.Minimal
            .Edit("top_k: 5", InBatch + "\n  soft_label:\n    temperature: 2")
            .Edit("learning_rate: 0.01", "learning_rate: 0.01\n  soft_label_weight: 0.3");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "training.soft_label_weight");

        Assert.Contains("must be 0 with the inbatch recipe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidInBatch_KeepsSettingsAndDefaults()
    {
        string yaml = PipelineYaml.Minimal.Edit("top_k: 5", InBatch + "\n    logq_correction: false\n  catalogue_negatives: 4");

        PipelineDefinition definition = PipelineDefinitionLoader.Parse(yaml, "minimal.yaml");

        Assert.Empty(PipelineDefinitionValidator.Validate(definition));
        Assert.Equal(new InBatchDefinition(1.0, 0.5, LogQCorrection: false, PipelineDefaults.FrequencyBuckets, PipelineDefaults.FrequencyAlpha), definition.Dataset.InBatch);
        Assert.Equal(4, definition.Dataset.CatalogueNegatives);
    }

    [Fact]
    public void Parse_RankedList_DefaultsToFineAndReadsRerank()
    {
        PipelineDefinition fine = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal, "minimal.yaml");
        PipelineDefinition rerank = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal.Edit("top_k: 5", "top_k: 5\n  ranked_list: rerank"), "minimal.yaml");

        Assert.Equal(RankedList.Fine, fine.Dataset.RankedList);
        Assert.Equal(RankedList.Rerank, rerank.Dataset.RankedList);
        Assert.Empty(PipelineDefinitionValidator.Validate(rerank));
        Assert.NotEqual(PipelineConfigHash.Compute(fine), PipelineConfigHash.Compute(rerank));
        Assert.Contains("allowed: fine, rerank",
            PipelineYaml.SingleError(PipelineYaml.Minimal.Edit("top_k: 5", "top_k: 5\n  ranked_list: final"), "dataset.ranked_list").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigHash_InBatchSettingChanges_HashChanges()
    {
        PipelineDefinition first = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal.Edit("top_k: 5", InBatch), "minimal.yaml");
        PipelineDefinition second = first with { Dataset = first.Dataset with { InBatch = first.Dataset.InBatch! with { TeacherTemperature = 2.0 } } };

        Assert.NotEqual(PipelineConfigHash.Compute(first), PipelineConfigHash.Compute(second));
        Assert.Contains(
            "\"in_batch\":{\"teacher_temperature\":1,\"distillation_weight\":0.5,\"logq_correction\":true,\"frequency_buckets\":262144,\"frequency_alpha\":0.05},\"ranked_list\":\"fine\"}",
            PipelineConfigHash.CanonicalJson(first), StringComparison.Ordinal);
    }
}
