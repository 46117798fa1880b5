using Hangfire;
using Hangfire.InMemory;
using Hangfire.SqlServer;

namespace CascadeDistill.Cli.Composition;

/// <summary>
/// Hangfire's job storage for the configured provider: in memory beside SQLite (forgets jobs on restart; the
/// product's run table resumes and catches up), or SQL Server in its own schema of the product's database,
/// through Microsoft.Data.SqlClient, so several hosts share the queues.
/// </summary>
public static class HangfireStorageConfiguration
{
    public static IGlobalConfiguration UseConfiguredStorage(this IGlobalConfiguration configuration, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        return storage.UsesSqlServer
            ? configuration.UseSqlServerStorage(storage.SqlServer.ConnectionString, SqlServerOptions(storage))
            : configuration.UseInMemoryStorage(new InMemoryStorageOptions());
    }

    public static SqlServerStorageOptions SqlServerOptions(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new SqlServerStorageOptions
        {
            SchemaName = storage.HangfireSchema,
            PrepareSchemaIfNecessary = storage.PrepareHangfireSchema,
            SqlClientFactory = Microsoft.Data.SqlClient.SqlClientFactory.Instance,
        };
    }
}
