using System.Security.Cryptography;

namespace CascadeDistill.IO;

/// <summary>The size and lowercase hex SHA-256 of a file's bytes, computed by streaming the file.</summary>
public sealed record FileDigest(long Bytes, string Sha256)
{
    private const int BufferSize = 1 << 20;

    /// <summary>Digests the file at <paramref name="path"/> without loading it into memory.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<FileDigest> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var stream = OpenRead(path, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new FileDigest(stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>Synchronous variant of <see cref="ComputeAsync"/>.</summary>
    public static FileDigest Compute(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path, FileOptions.SequentialScan);
        var hash = SHA256.HashData(stream);
        return new FileDigest(stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>True when both the size and the hash (case-insensitively) match.</summary>
    public bool Matches(long bytes, string sha256) =>
        Bytes == bytes && string.Equals(Sha256, sha256, StringComparison.OrdinalIgnoreCase);

    private static FileStream OpenRead(string path, FileOptions options) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, options);
}
