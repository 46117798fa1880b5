using CascadeDistill.Benchmarks;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary>The rules of <c>student.heads</c>, each starting from a valid per-objective text and breaking one thing.</summary>
public sealed class PipelineDefinitionValidatorHeadsTests
{
    /// <summary>The minimal pipeline with two objectives, a soft label and per-objective heads: valid.</summary>
    private static readonly string s_heads = PipelineYaml.Minimal
        .Edit("objectives: [click]", "objectives: [click, finish]")
        .Edit("fusion:\n    click: 1.0", "fusion:\n    click: 1.0\n    finish: 0.5\n  soft_label:\n    temperature: 2")
        .Edit("embedding_dim: 8", "embedding_dim: 8\n  heads: per_objective")
        .Edit("learning_rate: 0.01", "learning_rate: 0.01\n  soft_label_weight: 0.5");

    [Fact]
    public void Parse_ValidPerObjectiveHeads_HeadsFollowTheLogObjectivesWithTheirFusionWeights()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(s_heads.Edit("objectives: [click, finish]", "objectives: [finish, click]"), "minimal.yaml");

        Assert.Empty(PipelineDefinitionValidator.Validate(definition));
        Assert.Equal(StudentHeads.PerObjective, definition.Student.Heads);
        Assert.Equal([new("finish", 0.5), new KeyValuePair<string, double>("click", 1.0)], StudentHeads.Of(definition));
    }

    [Fact]
    public void Parse_HeadsLeftOut_DefaultsToSingleWithNoHeads()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal, "minimal.yaml");

        Assert.Equal(StudentHeads.Single, definition.Student.Heads);
        Assert.Empty(StudentHeads.Of(definition));
    }

    [Theory]
    [InlineData("heads: per_objective", "heads: many", "student.heads", "allowed: single, per_objective")]
    [InlineData("fusion:\n    click: 1.0\n    finish: 0.5", "fusion:\n    click: 1.0", "student.heads", "at least two objectives in dataset.fusion (got 1)")]
    [InlineData("\n  soft_label:\n    temperature: 2", "", "dataset.soft_label", "is required with student.heads: per_objective")]
    [InlineData("soft_label_weight: 0.5", "soft_label_weight: 0", "training.soft_label_weight", "must be greater than 0 with student.heads: per_objective")]
    [InlineData("soft_label_weight: 0.5", "soft_label_weight: 0.5\n  distillation_loss:\n    name: logit_mse", "training.distillation_loss", "trained with BCE on each head's soft label")]
    [InlineData("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0", "student.heads", "distilled pointwise in this version")]
    public void Parse_BrokenHeads_ReportsPath(string find, string replacement, string path, string message)
    {
        IReadOnlyList<PipelineDefinitionError> errors = PipelineYaml.Errors(s_heads.Edit(find, replacement));

        Assert.Contains(errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_HeadsWithGroundTruthLabels_ReportsEveryProblem()
    {
        IReadOnlyList<PipelineDefinitionError> errors = PipelineYaml.Errors(s_heads
            .Edit("fusion:\n    click: 1.0\n    finish: 0.5\n  soft_label:\n    temperature: 2", "fusion:\n    click: 1.0\n  labels: ground_truth\n  label: click")
            .Edit("soft_label_weight: 0.5", "soft_label_weight: 0"));

        Assert.Contains(errors, e => e.Path == "student.heads" && e.Message.Contains("need dataset.labels: teacher", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "student.heads" && e.Message.Contains("at least two objectives", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "dataset.soft_label");
        Assert.Contains(errors, e => e.Path == "training.soft_label_weight");
    }

    [Fact]
    public void ConfigHash_Heads_WrittenOnlyWhenDeclared()
    {
        PipelineDefinition heads = PipelineDefinitionLoader.Parse(s_heads, "minimal.yaml");
        PipelineDefinition single = heads with { Student = heads.Student with { Heads = StudentHeads.Single } };

        Assert.Contains("\"heads\":\"per_objective\"", PipelineConfigHash.CanonicalJson(heads), StringComparison.Ordinal);
        Assert.DoesNotContain("\"heads\"", PipelineConfigHash.CanonicalJson(single), StringComparison.Ordinal);
        Assert.NotEqual(PipelineConfigHash.Compute(heads), PipelineConfigHash.Compute(single));
    }

    [Fact]
    public void ShippedRecallMultihead_HasOneHeadPerFusedObjective()
    {
        PipelineDefinition definition = new PipelineCatalogue(RepositoryRoot.Pipelines).Load("recall-multihead");

        Assert.Empty(PipelineDefinitionValidator.Validate(definition));
        Assert.Equal(StudentStage.Recall, definition.Stage);
        Assert.Equal(StudentHeads.PerObjective, definition.Student.Heads);
        Assert.Equal(["click", "finish"], StudentHeads.Of(definition).Select(h => h.Key));
    }

    [Fact]
    public void GroundTruthTwin_IsNeverDerivedFromAMultiHeadPipelineAndHasOneHead()
    {
        PipelineDefinition heads = PipelineDefinitionLoader.Parse(s_heads.Edit("name: minimal", "name: a-heads"), "a-heads.yaml");
        PipelineDefinition single = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal.Edit("name: minimal", "name: z-single"), "z-single.yaml");

        Assert.Equal("z-single", GroundTruthStudent.SourceFor(StudentStage.Prerank, [heads, single])!.Name);
        PipelineDefinition twin = GroundTruthStudent.Derive(heads, "click");
        Assert.Equal(StudentHeads.Single, twin.Student.Heads);
        Assert.Empty(PipelineDefinitionValidator.Validate(twin));
    }
}
