using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary><c>dataset.labels</c> / <c>dataset.label</c>: parsing, every rule, and the config hash.</summary>
public sealed class GroundTruthLabelsTests
{
    private const string GroundTruth = "top_k: 5\n  labels: ground_truth\n  label: click";

    [Fact]
    public void Parse_GroundTruth_ReadsLabelsAndLabel()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal.Edit("top_k: 5", GroundTruth), "test.yaml");

        Assert.Equal("ground_truth", definition.Dataset.Labels);
        Assert.Equal("click", definition.Dataset.Label);
    }

    [Fact]
    public void Parse_LeftOut_DefaultsToTeacher()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal, "test.yaml");

        Assert.Equal(PipelineDefaults.Labels, definition.Dataset.Labels);
        Assert.Null(definition.Dataset.Label);
    }

    [Theory]
    [InlineData("top_k: 5\n  labels: clicks", "dataset.labels", "allowed: teacher, ground_truth")]
    [InlineData("top_k: 5\n  labels: ground_truth", "dataset.label", "is required with dataset.labels: ground_truth")]
    [InlineData("top_k: 5\n  labels: ground_truth\n  label: finish", "dataset.label", "objective 'finish' is not among logs.objectives (click)")]
    [InlineData("top_k: 5\n  label: click", "dataset.label", "applies only with dataset.labels: ground_truth")]
    [InlineData(GroundTruth + "\n  recipe: inbatch\n  inbatch:\n    teacher_temperature: 1.0\n    distillation_weight: 0.5", "dataset.labels", "works with the pointwise, listwise and pairwise recipes only")]
    [InlineData(GroundTruth + "\n  position_weight:\n    function: inverse\n    a: 5", "dataset.position_weight", "must be constant")]
    [InlineData(GroundTruth + "\n  soft_label:\n    temperature: 2.0", "dataset.soft_label", "must be left out with dataset.labels: ground_truth")]
    public void Validate_BrokenGroundTruth_ReportsOneErrorAtItsPath(string dataset, string path, string message)
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal.Edit("top_k: 5", dataset), path);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GroundTruthWithSoftLabelWeight_ReportsTrainingSoftLabelWeight()
    {
        string yaml = PipelineYaml.Minimal.Edit("top_k: 5", GroundTruth).Edit("learning_rate: 0.01", "learning_rate: 0.01\n  soft_label_weight: 0.2");

        IReadOnlyList<PipelineDefinitionError> errors = PipelineYaml.Errors(yaml);

        Assert.Contains(errors, e => e.Path == "training.soft_label_weight" && e.Message.Contains("must be 0 with dataset.labels: ground_truth", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_TeacherLabelsWrittenOut_KeepsTheHashOfPipelinesWithoutTheKey()
    {
        string before = PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(PipelineYaml.Full, "test.yaml"));
        string written = PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(PipelineYaml.Full.Edit("recipe: pointwise", "recipe: pointwise\n  labels: teacher"), "test.yaml"));

        Assert.Equal(before, written);
        Assert.DoesNotContain("\"labels\"", PipelineConfigHash.CanonicalJson(PipelineDefinitionLoader.Parse(PipelineYaml.Full, "test.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_GroundTruth_WritesLabelsAndLabelLastAndChangesTheHash()
    {
        PipelineDefinition teacher = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal, "test.yaml");
        PipelineDefinition truth = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal.Edit("top_k: 5", GroundTruth), "test.yaml");

        string json = PipelineConfigHash.CanonicalJson(truth);

        Assert.Contains("\"ranked_list\":\"fine\",\"labels\":\"ground_truth\",\"label\":\"click\"}", json, StringComparison.Ordinal);
        Assert.NotEqual(PipelineConfigHash.Compute(teacher), PipelineConfigHash.Compute(truth));
    }
}
