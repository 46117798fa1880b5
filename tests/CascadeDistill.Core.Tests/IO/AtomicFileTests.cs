using System.Text;
using System.Text.Json;
using CascadeDistill.IO;
using CascadeDistill.Testing;

namespace CascadeDistill.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task WriteAllTextAsync_NewFile_WritesUtf8WithoutBomAndLeavesNoTemporaryFile()
    {
        var path = _scratch.Combine("out", "note.txt");

        await AtomicFile.WriteAllTextAsync(path, "héllo", CancellationToken.None);

        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), await File.ReadAllBytesAsync(path));
        Assert.Equal(["note.txt"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteAllTextAsync_ExistingFile_ReplacesContent()
    {
        var path = _scratch.Combine("a.txt");
        await File.WriteAllTextAsync(path, "old old old old");

        await AtomicFile.WriteAllTextAsync(path, "new", CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task WriteAsync_WriterThrows_KeepsPreviousContentAndRemovesTemporaryFile()
    {
        var path = _scratch.Combine("a.txt");
        await File.WriteAllTextAsync(path, "previous");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(
            path,
            async (stream, ct) =>
            {
                await stream.WriteAsync(new byte[4096], ct);
                throw new InvalidOperationException("writer failed");
            },
            CancellationToken.None));

        Assert.Equal("writer failed", error.Message);
        Assert.Equal("previous", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_scratch.Path));
    }

    [Fact]
    public async Task WriteAsync_Cancelled_LeavesNoDestinationAndNoTemporaryFile()
    {
        var path = _scratch.Combine("never.bin");
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(
            path,
            async (stream, ct) =>
            {
                await stream.WriteAsync(new byte[16], ct);
                await cancellation.CancelAsync();
                ct.ThrowIfCancellationRequested();
            },
            cancellation.Token));

        Assert.Empty(Directory.GetFiles(_scratch.Path));
    }

    [Fact]
    public async Task CopyFromAsync_Stream_CopiesFromCurrentPosition()
    {
        var path = _scratch.Combine("copy.bin");
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        using var source = new MemoryStream(bytes) { Position = 10 };

        await AtomicFile.CopyFromAsync(path, source, CancellationToken.None);

        Assert.Equal(bytes[10..], await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task CopyFileAsync_ExistingFile_CopiesBytes()
    {
        var from = _scratch.Combine("from.bin");
        var to = _scratch.Combine("sub", "to.bin");
        await File.WriteAllBytesAsync(from, [1, 2, 3, 4, 5]);

        await AtomicFile.CopyFileAsync(from, to, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], await File.ReadAllBytesAsync(to));
    }

    [Fact]
    public async Task WriteJsonAsync_Record_RoundTrips()
    {
        var path = _scratch.Combine("manifest.json");
        var value = new Sample("model", 3, [1.5, 2.25]);

        await AtomicFile.WriteJsonAsync(path, value, options: null, CancellationToken.None);

        await using var stream = File.OpenRead(path);
        var read = await JsonSerializer.DeserializeAsync<Sample>(stream, JsonSerializerOptions.Web);
        Assert.NotNull(read);
        Assert.Equal(value.Name, read.Name);
        Assert.Equal(value.Version, read.Version);
        Assert.Equal(value.Values, read.Values);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersToOnePath_DestinationHoldsOneCompleteContent()
    {
        var path = _scratch.Combine("contended.bin");
        var contents = Enumerable.Range(0, 8).Select(i => Enumerable.Repeat((byte)i, 200_000).ToArray()).ToArray();

        await Task.WhenAll(contents.Select(c => Task.Run(() => AtomicFile.WriteAllBytesAsync(path, c, CancellationToken.None))));

        var written = await File.ReadAllBytesAsync(path);
        Assert.Contains(contents, c => c.AsSpan().SequenceEqual(written));
        Assert.Equal([path], Directory.GetFiles(_scratch.Path));
    }

    [Theory]
    [InlineData(".a.txt.0123456789abcdef0123456789abcdef.tmp", true)]
    [InlineData("a.txt", false)]
    [InlineData("a.tmp", false)]
    public void IsTemporaryFile_Name_RecognisesTemporaryNames(string name, bool expected) =>
        Assert.Equal(expected, AtomicFile.IsTemporaryFile(name));

    private sealed record Sample(string Name, int Version, double[] Values);
}
