using CascadeDistill.Pipelines;
using CascadeDistill.Testing;

namespace CascadeDistill.Core.Tests.Pipelines;

public sealed class PipelineCatalogueTests : IDisposable
{
    private readonly ScratchDirectory _folder = new();

    public PipelineCatalogueTests()
    {
        File.WriteAllText(_folder.Combine("minimal.yaml"), PipelineYaml.Minimal);
        File.WriteAllText(_folder.Combine("full.yaml"), PipelineYaml.Full);
        File.WriteAllText(_folder.Combine("notes.txt"), "not a pipeline");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Names_Folder_ListsYamlFilesSorted()
    {
        Assert.Equal(["full", "minimal"], new PipelineCatalogue(_folder.Path).Names());
    }

    [Fact]
    public void Load_KnownName_ReturnsDefinition()
    {
        PipelineDefinition definition = new PipelineCatalogue(_folder.Path).Load("minimal");

        Assert.Equal("minimal", definition.Name);
    }

    [Fact]
    public void Load_UnknownName_ListsAvailablePipelines()
    {
        var catalogue = new PipelineCatalogue(_folder.Path);

        var exception = Assert.Throws<PipelineNotFoundException>(() => catalogue.Load("minimla"));

        Assert.Equal("minimla", exception.Name);
        Assert.Equal(["full", "minimal"], exception.Available);
        Assert.Contains("No pipeline 'minimla'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'minimal'?", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Available pipelines: full, minimal.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PathOf_UnknownNameInEmptyFolder_SaysFolderIsEmpty()
    {
        using var empty = new ScratchDirectory();

        var exception = Assert.Throws<PipelineNotFoundException>(() => new PipelineCatalogue(empty.Path).PathOf("anything"));

        Assert.Contains("holds no pipelines", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PathOf_PathLikeName_IsNotFound()
    {
        Assert.Throws<PipelineNotFoundException>(() => new PipelineCatalogue(_folder.Path).PathOf("../minimal"));
    }

    [Fact]
    public void Load_NameDiffersFromFileName_ReportsNameWithOtherErrors()
    {
        File.WriteAllText(_folder.Combine("renamed.yaml"), PipelineYaml.Minimal.Edit("epochs: 1", "epochs: 0"));

        var exception = Assert.Throws<PipelineDefinitionException>(() => new PipelineCatalogue(_folder.Path).Load("renamed"));

        Assert.Equal(["name", "training.epochs"], exception.Errors.Select(e => e.Path));
        Assert.Contains("must match the file name: 'renamed.yaml' declares name 'minimal'", exception.Errors[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("renamed.yaml", exception.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_KnownAndUnknownNames_AnswersEach()
    {
        var catalogue = new PipelineCatalogue(_folder.Path);

        Assert.True(catalogue.Contains("full"));
        Assert.False(catalogue.Contains("notes"));
    }

    [Fact]
    public void Names_MissingFolder_ThrowsDirectoryNotFound()
    {
        var catalogue = new PipelineCatalogue(Path.Combine(_folder.Path, "absent"));

        Assert.Throws<DirectoryNotFoundException>(() => catalogue.Names());
    }
}
