namespace CascadeDistill.Pipelines;

/// <summary>
/// The pipelines of one folder: each is a file <c>NAME.yaml</c> whose <c>name:</c> is <c>NAME</c>.
/// </summary>
public sealed class PipelineCatalogue
{
    /// <summary>The extension of pipeline files.</summary>
    public const string FileExtension = ".yaml";

    public PipelineCatalogue(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The pipelines folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The names of the pipelines in the folder, sorted ordinally.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public IReadOnlyList<string> Names()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new DirectoryNotFoundException($"The pipelines folder {Directory} does not exist.");
        }
        return System.IO.Directory.EnumerateFiles(Directory, "*" + FileExtension, SearchOption.TopDirectoryOnly)
            .Where(file => Path.GetExtension(file) == FileExtension) // the pattern alone would also match "x.yamlx" on some platforms
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public bool Contains(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Names().Contains(name, StringComparer.Ordinal);
    }

    /// <summary>The file of pipeline <paramref name="name"/>.</summary>
    /// <exception cref="PipelineNotFoundException">No such pipeline; the message lists the available ones.</exception>
    public string PathOf(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        IReadOnlyList<string> names = Names();
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            throw new PipelineNotFoundException(name, Directory, names);
        }
        return Path.Combine(Directory, name + FileExtension);
    }

    /// <summary>Loads and validates pipeline <paramref name="name"/>; its <c>name:</c> must be <paramref name="name"/>.</summary>
    /// <exception cref="PipelineNotFoundException">No such pipeline.</exception>
    /// <exception cref="PipelineDefinitionException">The file is not a valid pipeline.</exception>
    public PipelineDefinition Load(string name)
    {
        string path = PathOf(name);
        return PipelineDefinitionLoader.Parse(File.ReadAllText(path), path, expectedName: name);
    }

    /// <summary>Loads every pipeline of the folder, in name order; the first invalid one throws.</summary>
    public IReadOnlyList<PipelineDefinition> LoadAll() => Names().Select(Load).ToArray();
}
