namespace CascadeDistill.Cli.Tests.Support;

/// <summary>Folders of the repository the tests run from.</summary>
public static class RepositoryPaths
{
    public static DirectoryInfo Pipelines()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CascadeDistill.sln")))
        {
            directory = directory.Parent;
        }
        return new DirectoryInfo(Path.Combine(
            directory?.FullName ?? throw new DirectoryNotFoundException("CascadeDistill.sln not found above the test folder."),
            "pipelines"));
    }
}
