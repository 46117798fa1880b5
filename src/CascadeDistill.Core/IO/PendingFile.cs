namespace CascadeDistill.IO;

/// <summary>
/// A file written under a temporary name (<c>.NAME.GUID.tmp</c>) in its destination folder, flushed to
/// disk and renamed over the destination on <see cref="Commit"/>; disposed uncommitted, it is deleted.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly string _temporaryPath;
    private FileStream? _stream;
    private bool _committed;

    private PendingFile(string destinationPath, string temporaryPath, FileStream stream)
    {
        DestinationPath = destinationPath;
        _temporaryPath = temporaryPath;
        _stream = stream;
    }

    public string DestinationPath { get; }

    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(PendingFile));

    public static PendingFile Create(string destinationPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        string destination = Path.GetFullPath(destinationPath);
        string directory = Path.GetDirectoryName(destination)
            ?? throw new ArgumentException($"'{destinationPath}' has no parent folder.", nameof(destinationPath));
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize);
        return new PendingFile(destination, temporary, stream);
    }

    /// <summary>True for names <see cref="PendingFile"/> (and any producer following the same rule) gives unfinished files.</summary>
    public static bool IsTemporaryName(string fileName) =>
        fileName.StartsWith('.') || fileName.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase);

    /// <summary>Flushes to disk, closes and renames the file into place; returns its size in bytes.</summary>
    public long Commit()
    {
        FileStream stream = _stream ?? throw new ObjectDisposedException(nameof(PendingFile));
        if (_committed)
        {
            throw new InvalidOperationException($"'{DestinationPath}' is already committed.");
        }
        stream.Flush(flushToDisk: true);
        long bytes = stream.Length;
        stream.Dispose();
        _stream = null;
        File.Move(_temporaryPath, DestinationPath, overwrite: true);
        _committed = true;
        return bytes;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_committed)
        {
            File.Delete(_temporaryPath);
        }
    }
}
