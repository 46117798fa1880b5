namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary>The repository folder: the nearest ancestor of the test binaries holding CascadeDistill.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Pipelines => System.IO.Path.Combine(Path, "pipelines");

    private static string Find()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "CascadeDistill.sln")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds CascadeDistill.sln.");
    }
}
