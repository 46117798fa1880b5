using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

public sealed class ShippedPipelinesTests
{
    public static TheoryData<string> ShippedNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in new PipelineCatalogue(RepositoryRoot.Pipelines).Names())
        {
            data.Add(name);
        }
        return data;
    }

    [Fact]
    public void Names_RepositoryPipelinesFolder_IncludesRecallPointwise()
    {
        Assert.Contains("recall-pointwise", new PipelineCatalogue(RepositoryRoot.Pipelines).Names());
    }

    [Theory]
    [MemberData(nameof(ShippedNames))]
    public void Load_ShippedPipeline_Validates(string name)
    {
        PipelineDefinition definition = new PipelineCatalogue(RepositoryRoot.Pipelines).Load(name);

        Assert.Equal(name, definition.Name);
        Assert.NotEmpty(definition.UserFeatures);
        Assert.NotEmpty(definition.ItemFeatures);
        Assert.Empty(PipelineDefinitionValidator.Validate(definition));
    }

    [Fact]
    public void LoadAll_RepositoryPipelinesFolder_EveryPipelineValidates()
    {
        var catalogue = new PipelineCatalogue(RepositoryRoot.Pipelines);

        IReadOnlyList<PipelineDefinition> definitions = catalogue.LoadAll();

        Assert.Equal(catalogue.Names(), definitions.Select(d => d.Name));
    }

    [Fact]
    public void Load_RecallPointwise_IsARecallStudentReadingItsObjectives()
    {
        PipelineDefinition definition = new PipelineCatalogue(RepositoryRoot.Pipelines).Load("recall-pointwise");

        Assert.Equal(StudentStage.Recall, definition.Stage);
        Assert.Equal("two_tower", definition.Student.Architecture);
        Assert.All(definition.Dataset.Fusion.Keys, objective => Assert.Contains(objective, definition.Logs.Objectives));
    }
}
