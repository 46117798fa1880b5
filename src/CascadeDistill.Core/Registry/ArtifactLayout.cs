using System.Globalization;

namespace CascadeDistill.Registry;

/// <summary>
/// Where model versions live under an artifact root: <c>ROOT/models/MODEL/v0001/</c>. Artifacts are
/// written into a staging folder (<c>ROOT/models/MODEL/.staging/ID/</c>, same filesystem) and moved into
/// the version folder in one rename before the version is marked Ready.
/// </summary>
public sealed class ArtifactLayout
{
    public const string ModelsFolder = "models";

    public const string StagingFolder = ".staging";

    private const int MaxModelNameLength = 128;

    public ArtifactLayout(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The absolute artifact root.</summary>
    public string Root { get; }

    /// <summary><c>v0001</c> for 1; more digits past 9999.</summary>
    public static string VersionFolderName(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return "v" + version.ToString("D4", CultureInfo.InvariantCulture);
    }

    /// <summary><c>models/MODEL/v0001</c>: what the registry stores, independent of the root.</summary>
    public static string GetRelativeVersionDirectory(string modelName, int version)
    {
        ValidateModelName(modelName);
        return $"{ModelsFolder}/{modelName}/{VersionFolderName(version)}";
    }

    /// <summary>
    /// Model names are path segments: 1–128 characters of ASCII letters, digits, '.', '_' and '-',
    /// starting with a letter or digit.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a safe path segment.</exception>
    public static void ValidateModelName(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        var valid = modelName.Length is > 0 and <= MaxModelNameLength
            && char.IsAsciiLetterOrDigit(modelName[0])
            && modelName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
        if (!valid)
        {
            throw new ArgumentException(
                $"Model name '{modelName}' must be 1-{MaxModelNameLength} ASCII letters, digits, '.', '_' or '-', starting with a letter or digit.",
                nameof(modelName));
        }
    }

    public string GetModelDirectory(string modelName)
    {
        ValidateModelName(modelName);
        return Path.Combine(Root, ModelsFolder, modelName);
    }

    /// <summary>The absolute folder of a version.</summary>
    public string GetVersionDirectory(string modelName, int version) =>
        Path.Combine(GetModelDirectory(modelName), VersionFolderName(version));

    /// <summary>The absolute folder of <paramref name="version"/>.</summary>
    public string Resolve(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Resolve(version.ArtifactDirectory);
    }

    /// <summary>An absolute path for a root-relative, '/'-separated path; refuses paths that leave the root.</summary>
    public string Resolve(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        var problem = ArtifactVerifier.CheckRelativePath(relativePath);
        if (problem is not null)
        {
            throw new ArgumentException($"'{relativePath}': {problem}", nameof(relativePath));
        }

        return Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Creates a new, empty staging folder for artifacts of <paramref name="modelName"/>.</summary>
    public string CreateStagingDirectory(string modelName)
    {
        var path = Path.Combine(GetModelDirectory(modelName), StagingFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Moves a staging folder of <paramref name="modelName"/> to the version's folder in one rename and
    /// returns the version folder.
    /// </summary>
    /// <exception cref="IOException">The version folder already exists (e.g. an earlier attempt got this far).</exception>
    public string PromoteStaging(string stagingDirectory, string modelName, int version)
    {
        ArgumentException.ThrowIfNullOrEmpty(stagingDirectory);
        var staging = Path.TrimEndingDirectorySeparator(Path.GetFullPath(stagingDirectory));
        var stagingParent = Path.Combine(GetModelDirectory(modelName), StagingFolder);
        if (!string.Equals(Path.GetDirectoryName(staging), stagingParent, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{stagingDirectory}' is not a staging folder of model '{modelName}' (expected a folder in '{stagingParent}').",
                nameof(stagingDirectory));
        }

        if (!Directory.Exists(staging))
        {
            throw new DirectoryNotFoundException($"Staging folder '{staging}' does not exist.");
        }

        var target = GetVersionDirectory(modelName, version);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new IOException($"Version folder '{target}' already exists; a version's files are never replaced.");
        }

        Directory.Move(staging, target);
        return target;
    }
}
