using System.CommandLine;

namespace CascadeDistill.Cli.Commands;

/// <summary>Options every command shares.</summary>
public static class CommonOptions
{
    public const string DefaultWorkDirectory = "cascade-distill-work";

    /// <summary>The work directory holding the embedded default's state: logs, datasets, models, the SQLite registry.</summary>
    public static Option<DirectoryInfo> WorkDir() => new("--work-dir")
    {
        Description = $"Folder holding logs, datasets, models and the SQLite registry (default: ./{DefaultWorkDirectory})",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.CurrentDirectory, DefaultWorkDirectory)),
    };

    /// <summary>Where pipeline definitions are found.</summary>
    public static Option<DirectoryInfo?> Pipelines() => new("--pipelines")
    {
        Description = "Folder of pipeline definitions (default: ./pipelines when present, else the ones shipped with the tool)",
    };

    public static DirectoryInfo ResolvePipelines(DirectoryInfo? given)
    {
        if (given is not null)
        {
            return given;
        }
        var local = new DirectoryInfo(Path.Combine(Environment.CurrentDirectory, "pipelines"));
        return local.Exists ? local : new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "pipelines"));
    }
}
