using CascadeDistill.SqlServer.Migrations;
using CascadeDistill.Testing.SqlServer;
using CascadeDistill.Testing.Xunit;
using Dapper;

namespace CascadeDistill.SqlServer.Tests.Migrations;

/// <summary>The migrations on a real server: applied once, idempotent when re-run by hand, refused when the database is newer.</summary>
[RequiresEnvironmentVariable(SqlServerTestDatabase.VariableName, SqlServerTestDatabase.Purpose)]
public sealed class SqlServerMigratorServerTests
{
    [StoreFact]
    public async Task MigrateAsync_NewDatabase_AppliesEveryScriptOnceAndCreatesTheTables()
    {
        await using var testDatabase = await SqlServerTestDatabase.CreateAsync();
        var database = await SqlServerRegistryDatabase.OpenAsync(new SqlServerRegistryOptions { ConnectionString = testDatabase.ConnectionString }, CancellationToken.None);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);

        var again = await SqlServerMigrator.MigrateAsync(connection, TimeSpan.FromSeconds(30), CancellationToken.None);
        var tables = (await connection.QueryAsync<string>(
            "SELECT t.name FROM sys.tables AS t WHERE t.schema_id = SCHEMA_ID(N'cascade_distill');")).Order(StringComparer.Ordinal);

        Assert.Equal(Enumerable.Range(1, SqlServerMigrator.EmbeddedScripts.Count), database.MigrationsAppliedAtOpen);
        Assert.Empty(again);
        Assert.Equal(["model_version_files", "model_versions", "run_leases", "run_stages", "runs", "schema_version"], tables);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT @@TRANCOUNT;"));
    }

    [StoreFact]
    public async Task Scripts_RunAgainByHand_ChangeNothing()
    {
        await using var testDatabase = await SqlServerTestDatabase.CreateAsync();
        var database = await SqlServerRegistryDatabase.OpenAsync(new SqlServerRegistryOptions { ConnectionString = testDatabase.ConnectionString }, CancellationToken.None);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);

        foreach (var batch in SqlServerMigrator.EmbeddedScripts.SelectMany(s => s.Batches))
        {
            await connection.ExecuteAsync(batch);
        }

        Assert.Equal(Enumerable.Range(1, SqlServerMigrator.EmbeddedScripts.Count), await SqlServerMigrator.AppliedVersionsAsync(connection, CancellationToken.None));
    }

    [StoreFact]
    public async Task MigrateAsync_DatabaseNewerThanBuild_Refuses()
    {
        await using var testDatabase = await SqlServerTestDatabase.CreateAsync();
        var database = await SqlServerRegistryDatabase.OpenAsync(new SqlServerRegistryOptions { ConnectionString = testDatabase.ConnectionString }, CancellationToken.None);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync("INSERT INTO cascade_distill.schema_version (version, name, applied_at) VALUES (999, N'future', SYSUTCDATETIME());");

        var error = await Assert.ThrowsAsync<SqlServerMigrationException>(() => SqlServerMigrator.MigrateAsync(connection, TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Equal(999, error.Version);
    }

    [StoreFact]
    public async Task MigrateAsync_FailingScript_RollsBackAndReportsTheBatch()
    {
        await using var testDatabase = await SqlServerTestDatabase.CreateAsync();
        await using var connection = new Microsoft.Data.SqlClient.SqlConnection(testDatabase.ConnectionString);
        await connection.OpenAsync();
        var broken = SqlServerMigrator.EmbeddedScripts[0] with
        {
            Batches = [.. SqlServerMigrator.EmbeddedScripts[0].Batches.SkipLast(1), "SELECT 1/0;", "COMMIT TRANSACTION;"],
        };

        var error = await Assert.ThrowsAsync<SqlServerMigrationException>(() => SqlServerMigrator.MigrateAsync(connection, [broken], TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Contains($"batch {broken.Batches.Count - 1} of {broken.Batches.Count}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT @@TRANCOUNT;"));
        Assert.Null(await connection.ExecuteScalarAsync<int?>("SELECT SCHEMA_ID(N'cascade_distill');"));
    }
}
