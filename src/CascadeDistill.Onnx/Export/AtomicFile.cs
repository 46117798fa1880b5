namespace CascadeDistill.Onnx.Export;

/// <summary>
/// Writes a file so that the destination holds either its previous content or the complete new
/// one: a temporary file in the destination directory (same filesystem, so the rename is atomic),
/// flushed to disk, then renamed over the destination.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch (Exception ex)
        {
            // Leave no partial file behind; the original exception propagates unchanged.
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                throw new AggregateException($"Writing '{fullPath}' failed and temporary file '{temp}' could not be removed.", ex, cleanup);
            }
            throw;
        }
    }
}
