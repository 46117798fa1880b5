using Microsoft.Data.SqlClient;

namespace CascadeDistill.SqlServer;

/// <summary>Checks <see cref="SqlServerRegistryOptions"/> and lists every problem at once, each with its configuration path.</summary>
public static class SqlServerRegistryOptionsValidator
{
    /// <param name="path">The configuration section the options were bound from, e.g. <c>Storage:SqlServer</c>.</param>
    public static IReadOnlyList<string> Validate(SqlServerRegistryOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{path}:ConnectionString is required when Storage:Provider is sqlserver (set it in appsettings or as the environment variable {path.Replace(":", "__", StringComparison.Ordinal)}__ConnectionString).");
        }
        else
        {
            errors.AddRange(CheckConnectionString(options.ConnectionString, path));
        }

        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{path}:CommandTimeout ({options.CommandTimeout}) must be between 00:00:01 and 01:00:00.");
        }

        if (options.MaxConflictRetries is < 0 or > 20)
        {
            errors.Add($"{path}:MaxConflictRetries ({options.MaxConflictRetries}) must be between 0 and 20.");
        }

        return errors;
    }

    /// <summary>Problems of the connection string; messages never repeat it (it may hold a password).</summary>
    private static IEnumerable<string> CheckConnectionString(string connectionString, string path)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return [$"{path}:ConnectionString is not a valid SQL Server connection string ({ex.GetType().Name})."];
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            problems.Add($"{path}:ConnectionString names no server (Data Source / Server).");
        }

        if (string.IsNullOrWhiteSpace(builder.InitialCatalog))
        {
            problems.Add($"{path}:ConnectionString names no database (Initial Catalog / Database); the product's tables must not land in the login's default database.");
        }

        return problems;
    }
}
