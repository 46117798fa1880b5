using System.Text;
using System.Text.Json;

namespace CascadeDistill.IO;

/// <summary>
/// Writes files so that the destination holds either its previous content or the complete new
/// content, never a partial file: the bytes go to a temporary file in the destination folder
/// (same filesystem), are flushed to disk, and the temporary file is renamed over the destination.
/// </summary>
public static class AtomicFile
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Creates <paramref name="path"/> atomically from what <paramref name="write"/> writes to the
    /// stream it is given. The destination folder is created when missing; an existing file is replaced.
    /// On any failure (including cancellation) the destination is untouched and the temporary file removed.
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var destination = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(destination)
            ?? throw new ArgumentException($"'{path}' has no parent folder.", nameof(path));
        Directory.CreateDirectory(directory);
        var temporary = TemporaryPathFor(destination);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, destination, overwrite: true);
        }
        catch (Exception original)
        {
            DeleteAfterFailure(temporary, original);
            throw;
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> atomically from what <paramref name="write"/> writes synchronously
    /// (see <see cref="PendingFile"/>); on failure the destination is untouched and the temporary file removed.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using PendingFile file = PendingFile.Create(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>Writes <paramref name="contents"/> as UTF-8 (no BOM) atomically.</summary>
    public static Task WriteAllTextAsync(string path, string contents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return WriteAllBytesAsync(path, s_utf8.GetBytes(contents), cancellationToken);
    }

    /// <summary>Writes <paramref name="bytes"/> atomically.</summary>
    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WriteAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);

    /// <summary>Serialises <paramref name="value"/> as UTF-8 JSON atomically (indented unless options say otherwise).</summary>
    public static Task WriteJsonAsync<T>(string path, T value, JsonSerializerOptions? options, CancellationToken cancellationToken) =>
        WriteAsync(
            path,
            (stream, ct) => JsonSerializer.SerializeAsync(stream, value, options ?? AtomicFileJson.Indented, ct),
            cancellationToken);

    /// <summary>Copies <paramref name="source"/> (from its current position to its end) to <paramref name="path"/> atomically.</summary>
    public static Task CopyFromAsync(string path, Stream source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return WriteAsync(path, (stream, ct) => source.CopyToAsync(stream, BufferSize, ct), cancellationToken);
    }

    /// <summary>Copies the file <paramref name="sourcePath"/> to <paramref name="path"/> atomically.</summary>
    public static async Task CopyFileAsync(string sourcePath, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        await using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await CopyFromAsync(path, source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True for names this class gives its temporary files (<c>.NAME.GUID.tmp</c>).</summary>
    public static bool IsTemporaryFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);
    }

    private static string TemporaryPathFor(string destination) =>
        Path.Combine(
            Path.GetDirectoryName(destination)!,
            $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");

    private static void DeleteAfterFailure(string temporary, Exception original)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
        {
            throw new AggregateException(
                $"Writing '{temporary}' failed and the temporary file could not be removed.", original, cleanup);
        }
    }
}
