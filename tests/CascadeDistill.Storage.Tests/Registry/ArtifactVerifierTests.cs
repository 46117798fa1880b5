using CascadeDistill.IO;
using CascadeDistill.Registry;
using CascadeDistill.Testing;

namespace CascadeDistill.Storage.Tests.Registry;

/// <summary>Core's <see cref="ArtifactVerifier"/> and <see cref="ArtifactFiles"/>.</summary>
public sealed class ArtifactVerifierTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task DescribeAsync_NestedFiles_ListsRelativeSlashPathsInOrderWithDigests()
    {
        await File.WriteAllTextAsync(_scratch.Combine("b.onnx"), "bb");
        Directory.CreateDirectory(_scratch.Combine("meta"));
        await File.WriteAllTextAsync(_scratch.Combine("meta", "a.json"), "{}");

        var files = await ArtifactFiles.DescribeAsync(_scratch.Path, CancellationToken.None);

        Assert.Equal(
            [new ModelFile("b.onnx", 2, Sha256Hex.Of("bb")), new ModelFile("meta/a.json", 2, Sha256Hex.Of("{}"))],
            files);
    }

    [Fact]
    public async Task VerifyAsync_MatchingFiles_ReportsNoProblem()
    {
        await File.WriteAllTextAsync(_scratch.Combine("a.onnx"), "abc");

        var problems = await ArtifactVerifier.VerifyAsync(_scratch.Path, [new ModelFile("a.onnx", 3, Sha256Hex.Of("abc"))], CancellationToken.None);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task VerifyAsync_EveryKindOfMismatch_ReportsEachFile()
    {
        await File.WriteAllTextAsync(_scratch.Combine("size.onnx"), "abcd");
        await File.WriteAllTextAsync(_scratch.Combine("hash.onnx"), "abd");
        ModelFile[] files =
        [
            new("missing.onnx", 3, Sha256Hex.Of("abc")),
            new("size.onnx", 3, Sha256Hex.Of("abc")),
            new("hash.onnx", 3, Sha256Hex.Of("abc")),
            new("../escape.onnx", 3, Sha256Hex.Of("abc")),
        ];

        var problems = await ArtifactVerifier.VerifyAsync(_scratch.Path, files, CancellationToken.None);

        Assert.Equal(
            [("missing.onnx", "missing"), ("size.onnx", "size_mismatch"), ("hash.onnx", "sha256_mismatch"), ("../escape.onnx", "invalid_path")],
            problems.Select(p => (p.RelativePath, p.ReasonCode)));
    }
}
