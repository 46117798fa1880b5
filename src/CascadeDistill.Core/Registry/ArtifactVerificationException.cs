namespace CascadeDistill.Registry;

/// <summary>A version's files are missing or differ from what was recorded; the version was not made Ready.</summary>
public sealed class ArtifactVerificationException : Exception
{
    public ArtifactVerificationException(string modelName, int version, IReadOnlyList<ArtifactFileProblem> problems)
        : base(Format(modelName, version, problems))
    {
        ModelName = modelName;
        Version = version;
        Problems = problems;
    }

    public string ModelName { get; }

    public int Version { get; }

    public IReadOnlyList<ArtifactFileProblem> Problems { get; }

    private static string Format(string modelName, int version, IReadOnlyList<ArtifactFileProblem> problems) =>
        $"Model '{modelName}' version {version}: {problems.Count} artifact problem(s):" + Environment.NewLine +
        string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
