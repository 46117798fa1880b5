using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.SqlServer;
using CascadeDistill.SqlServer.Registry;
using CascadeDistill.SqlServer.Runs;
using CascadeDistill.Storage.Sqlite;

namespace CascadeDistill.Cli.Composition;

/// <summary>Opens the run store and model registry of the configured <see cref="StorageOptions.Provider"/> (migrating its schema).</summary>
public static class RegistryStoreFactory
{
    public static (IRunStore Runs, IModelRegistry Models) Open(WorkLayout layout, ArtifactLayout artifacts, StorageOptions storage, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.UsesSqlServer)
        {
            SqlServerRegistryDatabase server = SqlServerRegistryDatabase.OpenAsync(storage.SqlServer, CancellationToken.None).GetAwaiter().GetResult();
            return (new SqlServerRunStore(server, time), new SqlServerModelRegistry(server, artifacts, time));
        }

        SqliteRegistryDatabase database = SqliteRegistryDatabase.OpenAsync(layout.Database, CancellationToken.None).GetAwaiter().GetResult();
        return (new SqliteRunStore(database, time), new SqliteModelRegistry(database, artifacts, time));
    }
}
