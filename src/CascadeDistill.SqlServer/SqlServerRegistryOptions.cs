using System.ComponentModel.DataAnnotations;

namespace CascadeDistill.SqlServer;

/// <summary>Settings of the SQL Server run table and model registry (production storage).</summary>
public sealed class SqlServerRegistryOptions
{
    /// <summary>
    /// ADO.NET connection string of the database that holds schema <c>cascade_distill</c>. Comes from
    /// configuration or the environment (e.g. <c>ConnectionStrings__CascadeDistill</c>), never from job
    /// arguments, and is never shown on a page or in a log.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>How long one statement may run. Default 30 s (SqlClient's own default).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Apply the embedded migrations when the database is opened. Default true; false when a DBA applies <c>sql/sqlserver/</c> by hand.</summary>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>How many times a unit of work chosen as a deadlock victim (or losing a unique-key race) is run again. Default 3.</summary>
    public int MaxConflictRetries { get; set; } = 3;
}
