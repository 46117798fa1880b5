using CascadeDistill.Cli.Commands;

namespace CascadeDistill.Cli.Tests.Support;

/// <summary>The settings <c>serve</c> derives from its command line.</summary>
public static class ServeSettings
{
    public static IReadOnlyDictionary<string, string?> For(DirectoryInfo workDir, DirectoryInfo pipelines) => ServeCommand.Settings(workDir, pipelines);
}
