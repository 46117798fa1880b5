using CascadeDistill.IO;

namespace CascadeDistill.Registry;

/// <summary>Lists the files of an artifact folder as <see cref="ModelFile"/>s, to record for a version.</summary>
public static class ArtifactFiles
{
    /// <summary>Every file under <paramref name="directory"/> (recursively), with size and SHA-256, ordered by relative path.</summary>
    public static async Task<IReadOnlyList<ModelFile>> DescribeAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Artifact folder '{root}' does not exist.");
        }

        var paths = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(p => p.Relative, StringComparer.Ordinal)
            .ToArray();
        var files = new List<ModelFile>(paths.Length);
        foreach (var (path, relative) in paths)
        {
            var digest = await FileDigest.ComputeAsync(path, cancellationToken).ConfigureAwait(false);
            files.Add(ModelFile.From(relative, digest));
        }

        return files;
    }
}
