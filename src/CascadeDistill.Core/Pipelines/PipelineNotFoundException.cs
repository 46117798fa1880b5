namespace CascadeDistill.Pipelines;

/// <summary>A pipeline name with no <c>NAME.yaml</c> in the pipelines folder; the message lists the ones there are.</summary>
public sealed class PipelineNotFoundException : Exception
{
    public PipelineNotFoundException(string name, string directory, IReadOnlyList<string> available)
        : base(Format(name, directory, available))
    {
        Name = name;
        Directory = directory;
        Available = available;
    }

    /// <summary>The name asked for.</summary>
    public string Name { get; }

    /// <summary>The pipelines folder searched.</summary>
    public string Directory { get; }

    /// <summary>The pipelines the folder does hold, sorted.</summary>
    public IReadOnlyList<string> Available { get; }

    private static string Format(string name, string directory, IReadOnlyList<string> available) =>
        $"No pipeline '{name}' in {directory} (there is no {name}{PipelineCatalogue.FileExtension})."
        + (Suggestions.Closest(name, available) is string match ? $" Did you mean '{match}'?" : "")
        + (available.Count == 0
            ? " The folder holds no pipelines."
            : " Available pipelines: " + string.Join(", ", available) + ".");
}
