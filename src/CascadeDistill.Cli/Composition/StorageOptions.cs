using CascadeDistill.SqlServer;

namespace CascadeDistill.Cli.Composition;

/// <summary>
/// Where runs, model versions and Hangfire's jobs live: section <c>Storage</c> of appsettings.json,
/// overridden by environment variables (<c>Storage__Provider=sqlserver</c>,
/// <c>Storage__SqlServer__ConnectionString=…</c>). Validated at start; every error is listed.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string SqliteProvider = "sqlite";
    public const string SqlServerProvider = "sqlserver";

    /// <summary>
    /// <c>sqlite</c> (default, embedded: the work directory's SQLite file for runs and models, Hangfire in memory)
    /// or <c>sqlserver</c> (production: both in SQL Server, product tables in schema <c>cascade_distill</c>).
    /// </summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The SQL Server database (used when <see cref="Provider"/> is <c>sqlserver</c>).</summary>
    public SqlServerRegistryOptions SqlServer { get; set; } = new();

    /// <summary>Schema of Hangfire's own tables in the same database. Default <c>HangFire</c> (Hangfire's default).</summary>
    public string HangfireSchema { get; set; } = "HangFire";

    /// <summary>Let Hangfire create and upgrade its tables at start. Default true; false when a DBA installs Hangfire's schema.</summary>
    public bool PrepareHangfireSchema { get; set; } = true;

    public bool UsesSqlServer => string.Equals(Provider, SqlServerProvider, StringComparison.OrdinalIgnoreCase);
}
