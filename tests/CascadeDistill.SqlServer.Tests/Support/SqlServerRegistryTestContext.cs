using CascadeDistill.Registry;
using CascadeDistill.SqlServer.Migrations;
using CascadeDistill.SqlServer.Registry;
using CascadeDistill.SqlServer.Runs;
using CascadeDistill.Testing;
using CascadeDistill.Testing.Registry.Contract;
using CascadeDistill.Testing.SqlServer;
using Dapper;

namespace CascadeDistill.SqlServer.Tests.Support;

/// <summary>A fresh, migrated SQL Server database per test: the storage contract's SQL Server adapter.</summary>
internal sealed class SqlServerRegistryTestContext : RegistryStoreContext
{
    private readonly SqlServerTestDatabase _testDatabase;

    private SqlServerRegistryTestContext(ScratchDirectory scratch, SqlServerTestDatabase testDatabase, SqlServerRegistryDatabase database, SettableTimeProvider clock)
        : base(scratch, clock)
    {
        _testDatabase = testDatabase;
        Database = database;
        Runs = new SqlServerRunStore(database, clock);
        Models = new SqlServerModelRegistry(database, Layout, clock);
    }

    public SqlServerRegistryDatabase Database { get; }

    public override IRunStore Runs { get; }

    public override IModelRegistry Models { get; }

    public static async Task<RegistryStoreContext> CreateAsync()
    {
        var testDatabase = await SqlServerTestDatabase.CreateAsync();
        try
        {
            var database = await SqlServerRegistryDatabase.OpenAsync(new SqlServerRegistryOptions { ConnectionString = testDatabase.ConnectionString }, CancellationToken.None);
            return new SqlServerRegistryTestContext(new ScratchDirectory(), testDatabase, database, new SettableTimeProvider());
        }
        catch
        {
            await testDatabase.DisposeAsync();
            throw;
        }
    }

    public override async Task<IModelRegistry> OpenAnotherRegistryAsync()
    {
        var database = await SqlServerRegistryDatabase.OpenAsync(new SqlServerRegistryOptions { ConnectionString = _testDatabase.ConnectionString }, CancellationToken.None);
        return new SqlServerModelRegistry(database, Layout, Clock);
    }

    public override string Table(string name) => $"{SqlServerMigrator.Schema}.{name}";

    public override object TimeParameter(DateTimeOffset value) => value.ToUniversalTime();

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

    protected override ValueTask DisposeDatabaseAsync() => _testDatabase.DisposeAsync();
}
