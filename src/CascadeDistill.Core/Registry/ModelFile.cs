using CascadeDistill.IO;

namespace CascadeDistill.Registry;

/// <summary>A file of a model version.</summary>
/// <param name="RelativePath">Path under the version's artifact folder, '/'-separated, e.g. <c>user_tower.onnx</c>.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the content.</param>
public sealed record ModelFile(string RelativePath, long Bytes, string Sha256)
{
    public static ModelFile From(string relativePath, FileDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return new ModelFile(relativePath, digest.Bytes, digest.Sha256);
    }
}
