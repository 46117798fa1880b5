using CascadeDistill.Features;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

public sealed class PipelineDefaultsTests
{
    private static readonly PipelineDefinition s_minimal = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal, "minimal.yaml");

    [Fact]
    public void Parse_MinimalDefinition_AppliesDocumentedDefaults()
    {
        Assert.Equal("", s_minimal.Description);
        Assert.Equal(1, s_minimal.Logs.HoldoutDays);
        Assert.True(s_minimal.Logs.ReadLabels);
        Assert.Equal("pointwise", s_minimal.Dataset.Recipe);
        Assert.Equal(new PositionWeightDefinition(PositionWeightFunction.Constant, 0, 0), s_minimal.Dataset.PositionWeight);
        Assert.Null(s_minimal.Dataset.SoftLabel);
        Assert.Equal(0, s_minimal.Dataset.CatalogueNegatives);
        Assert.Equal("two_tower", s_minimal.Student.Architecture);
        Assert.Equal(0.1, s_minimal.Student.Temperature);
        Assert.Empty(s_minimal.Student.HiddenLayers);
        Assert.Equal(new TrainingDefinition(1, 32, 0.01, 0, 0, 42, 0, "auto"), s_minimal.Training);
        Assert.Equal(new EvaluationDefinition(10, 50, 100, 2000, 7), s_minimal.Evaluation);
        Assert.Equal(new PublishDefinition("minimal", 1e-5), s_minimal.Publish);
    }

    [Fact]
    public void Parse_MinimalDefinition_DefaultsMatchPipelineDefaults()
    {
        Assert.Equal(PipelineDefaults.Evaluation, s_minimal.Evaluation);
        Assert.Equal(PipelineDefaults.PositionWeight, s_minimal.Dataset.PositionWeight);
        Assert.Equal(PipelineDefaults.Device, s_minimal.Training.Device);
        Assert.Equal(PipelineDefaults.TrainingSeed, s_minimal.Training.Seed);
        Assert.Equal(PipelineDefaults.ParityTolerance, s_minimal.Publish.ParityTolerance);
    }

    [Fact]
    public void Parse_FeatureWithoutColumn_DefaultsByNameAndSide()
    {
        Assert.Equal(["user_id", "user.recent", "item_id", "item.price"], s_minimal.Features.Select(f => f.Column));
    }

    [Fact]
    public void Parse_MultiFeatureWithoutMaxLength_DefaultsToTwenty()
    {
        FeatureDefinition recent = s_minimal.Features.Single(f => f.Name == "recent");

        Assert.Equal(FeatureKind.MultiCategorical, recent.Kind);
        Assert.Equal(20, recent.MaxLength);
        Assert.Equal(PipelineDefaults.MultiMaxLength, recent.MaxLength);
    }

    [Fact]
    public void Parse_CategoricalAndNumericFeatures_HaveZeroForSizesThatDoNotApply()
    {
        Assert.Equal(0, s_minimal.Features[0].MaxLength);
        Assert.Equal((0, 0, 0), (s_minimal.Features[3].HashBuckets, s_minimal.Features[3].EmbeddingDim, s_minimal.Features[3].MaxLength));
    }

    [Fact]
    public void Parse_PartialEvaluationSection_DefaultsTheRest()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal + "\nevaluation:\n  top_k: 5\n", "test.yaml");

        Assert.Equal(PipelineDefaults.Evaluation with { TopK = 5 }, definition.Evaluation);
    }

    [Fact]
    public void Parse_PublishWithoutModelName_DefaultsToPipelineName()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal + "\npublish:\n  parity_tolerance: 0.001\n", "test.yaml");

        Assert.Equal(new PublishDefinition("minimal", 0.001), definition.Publish);
    }

    [Theory]
    [InlineData("user_id", FeatureSide.User, "user_id")]
    [InlineData("item_id", FeatureSide.Item, "item_id")]
    [InlineData("segment", FeatureSide.User, "user.segment")]
    [InlineData("tags", FeatureSide.Item, "item.tags")]
    public void FeatureColumn_Name_FollowsLogContract(string name, FeatureSide side, string column)
    {
        Assert.Equal(column, PipelineDefaults.FeatureColumn(name, side));
    }
}
