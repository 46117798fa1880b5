namespace CascadeDistill.Imports;

/// <summary>How the manifest names an input (a file's full path, a SQL query) and the size and SHA-256 that identify its content.</summary>
public sealed record ImportInputIdentity(string Name, long Bytes, string Sha256)
{
    /// <summary>A file's full path, size and SHA-256 (streamed).</summary>
    public static ImportInputIdentity OfFile(string path)
    {
        IO.FileDigest digest = IO.FileDigest.Compute(path);
        return new ImportInputIdentity(Path.GetFullPath(path), digest.Bytes, digest.Sha256);
    }
}
