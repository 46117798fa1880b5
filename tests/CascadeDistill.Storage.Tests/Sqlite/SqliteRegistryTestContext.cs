using CascadeDistill.Registry;
using CascadeDistill.Storage.Sqlite;
using CascadeDistill.Testing;
using CascadeDistill.Testing.Registry.Contract;
using Dapper;

namespace CascadeDistill.Storage.Tests.Sqlite;

/// <summary>A migrated SQLite registry file in a scratch folder: the storage contract's SQLite adapter.</summary>
internal sealed class SqliteRegistryTestContext : RegistryStoreContext
{
    private SqliteRegistryTestContext(ScratchDirectory scratch, SqliteRegistryDatabase database, SettableTimeProvider clock)
        : base(scratch, clock)
    {
        Database = database;
        Runs = new SqliteRunStore(database, clock);
        Models = new SqliteModelRegistry(database, Layout, clock);
    }

    public SqliteRegistryDatabase Database { get; }

    public override IRunStore Runs { get; }

    public override IModelRegistry Models { get; }

    public static async Task<RegistryStoreContext> CreateAsync()
    {
        var scratch = new ScratchDirectory();
        var database = await SqliteRegistryDatabase.OpenAsync(scratch.Combine("registry", "registry.db"), CancellationToken.None);
        return new SqliteRegistryTestContext(scratch, database, new SettableTimeProvider());
    }

    public override async Task<IModelRegistry> OpenAnotherRegistryAsync()
    {
        var database = await SqliteRegistryDatabase.OpenAsync(Database.DatabasePath, CancellationToken.None);
        return new SqliteModelRegistry(database, Layout, Clock);
    }

    public override string Table(string name) => name;

    public override object TimeParameter(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public override async Task<int> ExecuteRawAsync(string sql, object parameters)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteAsync(sql, parameters);
    }

    public override async Task<string?> QueryRawTextAsync(string sql, object parameters)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string>(sql, parameters);
    }

    protected override ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;
}
