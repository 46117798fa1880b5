namespace CascadeDistill.SqlServer.Tests.Support;

/// <summary>Files of the repository this test assembly was built from.</summary>
internal static class RepositoryFiles
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CascadeDistill.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CascadeDistill.sln not found above " + AppContext.BaseDirectory);
    }

    public static string SqlServerScripts() => Path.Combine(Root(), "sql", "sqlserver");
}
