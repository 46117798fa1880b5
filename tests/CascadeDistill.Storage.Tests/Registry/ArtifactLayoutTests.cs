using CascadeDistill.Registry;
using CascadeDistill.Testing;

namespace CascadeDistill.Storage.Tests.Registry;

/// <summary>Core's <see cref="ArtifactLayout"/>, tested beside the registry that relies on it.</summary>
public sealed class ArtifactLayoutTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(1, "v0001")]
    [InlineData(42, "v0042")]
    [InlineData(12345, "v12345")]
    public void VersionFolderName_Number_IsZeroPaddedToFourDigits(int version, string expected) =>
        Assert.Equal(expected, ArtifactLayout.VersionFolderName(version));

    [Fact]
    public void GetVersionDirectory_ModelAndVersion_IsUnderModelsFolder()
    {
        var layout = new ArtifactLayout(_scratch.Path);

        Assert.Equal(Path.Combine(_scratch.Path, "models", "recall-tt", "v0003"), layout.GetVersionDirectory("recall-tt", 3));
        Assert.Equal("models/recall-tt/v0003", ArtifactLayout.GetRelativeVersionDirectory("recall-tt", 3));
        Assert.Equal(layout.GetVersionDirectory("recall-tt", 3), layout.Resolve("models/recall-tt/v0003"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("-x")]
    [InlineData("naïve")]
    [InlineData("")]
    public void ValidateModelName_UnsafeName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => ArtifactLayout.ValidateModelName(name));

    [Fact]
    public void Resolve_PathLeavingRoot_Throws() =>
        Assert.Throws<ArgumentException>(() => new ArtifactLayout(_scratch.Path).Resolve("models/../../etc"));

    [Fact]
    public async Task PromoteStaging_StagingFolder_MovesItIntoTheVersionFolder()
    {
        var layout = new ArtifactLayout(_scratch.Path);
        var staging = layout.CreateStagingDirectory("m");
        await File.WriteAllTextAsync(Path.Combine(staging, "user_tower.onnx"), "bytes");

        var target = layout.PromoteStaging(staging, "m", 1);

        Assert.Equal(layout.GetVersionDirectory("m", 1), target);
        Assert.False(Directory.Exists(staging));
        Assert.Equal("bytes", await File.ReadAllTextAsync(Path.Combine(target, "user_tower.onnx")));
    }

    [Fact]
    public void PromoteStaging_VersionFolderExists_ThrowsAndKeepsBoth()
    {
        var layout = new ArtifactLayout(_scratch.Path);
        Directory.CreateDirectory(layout.GetVersionDirectory("m", 1));
        var staging = layout.CreateStagingDirectory("m");

        Assert.Throws<IOException>(() => layout.PromoteStaging(staging, "m", 1));

        Assert.True(Directory.Exists(staging));
    }

    [Fact]
    public void PromoteStaging_FolderOutsideTheModelsStaging_Throws()
    {
        var layout = new ArtifactLayout(_scratch.Path);
        var elsewhere = Directory.CreateDirectory(_scratch.Combine("elsewhere")).FullName;
        var otherModel = layout.CreateStagingDirectory("other");

        Assert.Throws<ArgumentException>(() => layout.PromoteStaging(elsewhere, "m", 1));
        Assert.Throws<ArgumentException>(() => layout.PromoteStaging(otherModel, "m", 1));
    }
}
