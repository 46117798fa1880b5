using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary><c>training.distillation_loss</c>: parsing, every rule, and the config hash.</summary>
public sealed class DistillationLossSectionTests
{
    // Full is pointwise with dataset.soft_label and soft_label_weight 0.3.
    private const string NoSoftLabel = "  soft_label:\n    temperature: 2.0\n";

    private static string WithLoss(string loss, bool keepSoftLabel = false)
    {
        string yaml = PipelineYaml.Full.Edit("  device: cpu", "  device: cpu\n  distillation_loss:\n" + loss);
        return keepSoftLabel ? yaml : yaml.Edit(NoSoftLabel, "");
    }

    [Fact]
    public void Parse_SoftTarget_ReadsNameTemperatureAndTheTSquaredChoice()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(
            WithLoss("    name: soft_target\n    temperature: 3\n    temperature_squared: false"), "test.yaml");

        Assert.Equal(new DistillationLossDefinition("soft_target", 3.0, false), definition.Training.DistillationLoss);
    }

    [Fact]
    public void Parse_LogitMse_HasNoTemperature()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(WithLoss("    name: logit_mse"), "test.yaml");

        Assert.Equal(new DistillationLossDefinition("logit_mse"), definition.Training.DistillationLoss);
    }

    [Fact]
    public void Parse_LeftOut_IsNull()
    {
        Assert.Null(PipelineDefinitionLoader.Parse(PipelineYaml.Full, "test.yaml").Training.DistillationLoss);
    }

    [Theory]
    [InlineData("    name: hinton", "training.distillation_loss.name", "allowed: bce, soft_target, logit_mse")]
    [InlineData("    name: soft_target\n    temperature_squared: true", "training.distillation_loss.temperature", "is required with soft_target")]
    [InlineData("    name: soft_target\n    temperature: 2", "training.distillation_loss.temperature_squared", "is required with soft_target (true or false)")]
    [InlineData("    name: soft_target\n    temperature: 0\n    temperature_squared: true", "training.distillation_loss.temperature", "greater than 0 (got 0)")]
    [InlineData("    name: logit_mse\n    temperature: 2", "training.distillation_loss.temperature", "applies to soft_target only (name is logit_mse)")]
    [InlineData("    name: logit_mse\n    temperature_squared: true", "training.distillation_loss.temperature_squared", "applies to soft_target only")]
    public void Validate_BrokenSection_ReportsOneErrorAtItsPath(string loss, string path, string message)
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(WithLoss(loss), path);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TeacherLossWithAnUnusedSoftLabel_AsksToRemoveIt()
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(WithLoss("    name: logit_mse", keepSoftLabel: true), "dataset.soft_label");

        Assert.Contains("is unused with training.distillation_loss logit_mse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TeacherLossWithoutAShare_ReportsSoftLabelWeight()
    {
        string yaml = WithLoss("    name: logit_mse").Edit("  soft_label_weight: 0.3\n", "");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "training.soft_label_weight");

        Assert.Contains("must be above 0 with training.distillation_loss logit_mse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TeacherLossOnAListRecipe_ReportsTheSection()
    {
        string yaml = PipelineYaml.Minimal
            .Edit("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0")
            .Edit("learning_rate: 0.01", "learning_rate: 0.01\n  distillation_loss:\n    name: logit_mse");

        IReadOnlyList<PipelineDefinitionError> errors = PipelineYaml.Errors(yaml);

        Assert.Contains(errors, e => e.Path == "training.distillation_loss" && e.Message.Contains("applies to the pointwise recipe only", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SoftTargetWithoutDatasetSoftLabel_IsValid()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(
            WithLoss("    name: soft_target\n    temperature: 2\n    temperature_squared: true"), "test.yaml");

        Assert.Empty(PipelineDefinitionValidator.Validate(definition));
    }

    [Fact]
    public void Compute_BceWrittenOut_KeepsTheHashOfPipelinesWithoutTheSection()
    {
        PipelineDefinition without = PipelineDefinitionLoader.Parse(PipelineYaml.Full, "test.yaml");
        PipelineDefinition bce = PipelineDefinitionLoader.Parse(WithLoss("    name: bce", keepSoftLabel: true), "test.yaml");

        Assert.Equal(PipelineConfigHash.Compute(without), PipelineConfigHash.Compute(bce));
        Assert.DoesNotContain("distillation_loss", PipelineConfigHash.CanonicalJson(without), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_EveryChoiceAndParameter_ChangesTheHash()
    {
        string[] hashes =
        [
            PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(WithLoss("    name: logit_mse"), "test.yaml")),
            PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(WithLoss("    name: soft_target\n    temperature: 2\n    temperature_squared: true"), "test.yaml")),
            PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(WithLoss("    name: soft_target\n    temperature: 2\n    temperature_squared: false"), "test.yaml")),
            PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(WithLoss("    name: soft_target\n    temperature: 3\n    temperature_squared: true"), "test.yaml")),
        ];

        Assert.Equal(hashes.Length, hashes.Distinct(StringComparer.Ordinal).Count());
    }
}
