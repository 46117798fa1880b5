using CascadeDistill.IO;

namespace CascadeDistill.Registry;

/// <summary>Checks recorded files against a folder: each must exist with the recorded size and SHA-256.</summary>
public static class ArtifactVerifier
{
    /// <summary>Every problem found (empty when all files match). Reads each file fully.</summary>
    public static async Task<IReadOnlyList<ArtifactFileProblem>> VerifyAsync(
        string directory, IReadOnlyList<ModelFile> files, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<ArtifactFileProblem>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pathProblem = CheckRelativePath(file.RelativePath);
            if (pathProblem is not null)
            {
                problems.Add(new ArtifactFileProblem(file.RelativePath, "invalid_path", pathProblem));
                continue;
            }

            var path = Path.Combine(directory, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(path))
            {
                problems.Add(new ArtifactFileProblem(file.RelativePath, "missing", $"'{path}' does not exist."));
                continue;
            }

            var digest = await FileDigest.ComputeAsync(path, cancellationToken).ConfigureAwait(false);
            if (digest.Bytes != file.Bytes)
            {
                problems.Add(new ArtifactFileProblem(
                    file.RelativePath, "size_mismatch", $"{digest.Bytes} bytes on disk, {file.Bytes} recorded."));
            }
            else if (!string.Equals(digest.Sha256, file.Sha256, StringComparison.Ordinal))
            {
                problems.Add(new ArtifactFileProblem(
                    file.RelativePath, "sha256_mismatch", $"SHA-256 {digest.Sha256} on disk, {file.Sha256} recorded."));
            }
        }

        return problems;
    }

    /// <summary>
    /// Null for a valid relative path ('/'-separated, not rooted, no empty, '.' or '..' segment, no '\'),
    /// else why it is not.
    /// </summary>
    public static string? CheckRelativePath(string? relativePath)
    {
        if (string.IsNullOrEmpty(relativePath))
        {
            return "the path is empty.";
        }

        if (relativePath.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(relativePath))
        {
            return "the path must be relative and '/'-separated.";
        }

        return relativePath.Split('/').Any(segment => segment is "" or "." or "..")
            ? "the path has an empty, '.' or '..' segment."
            : null;
    }
}
