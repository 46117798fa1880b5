using System.Security.Cryptography;
using System.Text;
using CascadeDistill.IO;
using CascadeDistill.Testing;

namespace CascadeDistill.Core.Tests.IO;

public sealed class FileDigestTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task ComputeAsync_KnownContent_ReturnsSizeAndLowercaseSha256()
    {
        var path = _scratch.Combine("abc.txt");
        await File.WriteAllTextAsync(path, "abc");

        var digest = await FileDigest.ComputeAsync(path, CancellationToken.None);

        Assert.Equal(3, digest.Bytes);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digest.Sha256);
    }

    [Fact]
    public async Task ComputeAsync_EmptyFile_ReturnsZeroBytesAndEmptyHash()
    {
        var path = _scratch.Combine("empty");
        await File.WriteAllBytesAsync(path, []);

        var digest = await FileDigest.ComputeAsync(path, CancellationToken.None);

        Assert.Equal(new FileDigest(0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), digest);
    }

    [Fact]
    public async Task Compute_LargeSeededFile_MatchesInMemoryHashAndAsyncVariant()
    {
        var path = _scratch.Combine("large.bin");
        var bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(20250115).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);

        var digest = FileDigest.Compute(path);

        Assert.Equal(bytes.Length, digest.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), digest.Sha256);
        Assert.Equal(digest, await FileDigest.ComputeAsync(path, CancellationToken.None));
    }

    [Fact]
    public async Task ComputeAsync_MissingFile_ThrowsFileNotFound() =>
        await Assert.ThrowsAsync<FileNotFoundException>(() => FileDigest.ComputeAsync(_scratch.Combine("missing"), CancellationToken.None));

    [Fact]
    public void Matches_SizeOrHashDiffers_ReturnsFalse()
    {
        var digest = new FileDigest(3, Sha256Hex.Of("abc"));

        Assert.True(digest.Matches(3, Sha256Hex.Of("abc").ToUpperInvariant()));
        Assert.False(digest.Matches(4, Sha256Hex.Of("abc")));
        Assert.False(digest.Matches(3, Sha256Hex.Of("abd")));
    }

    [Fact]
    public void Sha256HexOf_Text_HashesUtf8Bytes() =>
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("pipeline: ü"))), Sha256Hex.Of("pipeline: ü"));

    [Theory]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", false)]
    [InlineData("ba7816bf", false)]
    [InlineData(null, false)]
    public void Sha256HexIsValid_Value_AcceptsOnly64LowercaseHexDigits(string? value, bool expected) =>
        Assert.Equal(expected, Sha256Hex.IsValid(value));
}
