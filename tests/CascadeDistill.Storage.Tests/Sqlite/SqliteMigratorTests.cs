using CascadeDistill.Storage.Sqlite;
using CascadeDistill.Testing;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CascadeDistill.Storage.Tests.Sqlite;

public sealed class SqliteMigratorTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void EmbeddedScripts_Shipped_AreNumberedFromOneWithoutGaps()
    {
        var scripts = SqliteMigrator.EmbeddedScripts;

        Assert.NotEmpty(scripts);
        Assert.Equal(Enumerable.Range(1, scripts.Count), scripts.Select(s => s.Version));
        Assert.Equal("initial", scripts[0].Name);
    }

    [Fact]
    public async Task OpenAsync_NewDatabase_AppliesEveryScriptOnceInWalMode()
    {
        var database = await SqliteRegistryDatabase.OpenAsync(_scratch.Combine("r.db"), CancellationToken.None);

        Assert.Equal(SqliteMigrator.EmbeddedScripts.Select(s => s.Version), database.MigrationsAppliedAtOpen);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys;"));
        Assert.Equal(
            SqliteMigrator.EmbeddedScripts.Select(s => s.Version),
            await SqliteMigrator.AppliedVersionsAsync(connection, CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_SecondOpen_AppliesNothing()
    {
        var path = _scratch.Combine("r.db");
        await SqliteRegistryDatabase.OpenAsync(path, CancellationToken.None);

        var reopened = await SqliteRegistryDatabase.OpenAsync(path, CancellationToken.None);

        Assert.Empty(reopened.MigrationsAppliedAtOpen);
        await using var connection = await reopened.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(SqliteMigrator.EmbeddedScripts.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task OpenAsync_ConcurrentOpens_RecordEachVersionOnce()
    {
        var path = _scratch.Combine("r.db");

        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SqliteRegistryDatabase.OpenAsync(path, CancellationToken.None))));

        await using var connection = await opened[0].OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(SqliteMigrator.EmbeddedScripts.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task InitialScript_AppliedTwiceByHand_IsIdempotent()
    {
        await using var connection = await OpenRawAsync();
        var sql = SqliteMigrator.EmbeddedScripts[0].Sql;

        await connection.ExecuteAsync(sql);
        await connection.ExecuteAsync(sql);

        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version WHERE version = 1;"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM model_versions;"));
    }

    [Fact]
    public async Task MigrateAsync_NewScriptAdded_AppliesOnlyTheNewOneAndThenNothing()
    {
        await using var connection = await OpenRawAsync();
        await SqliteMigrator.MigrateAsync(connection, CancellationToken.None);
        var scripts = SqliteMigrator.EmbeddedScripts.Append(Script(
            SqliteMigrator.EmbeddedScripts.Count + 1,
            "CREATE TABLE IF NOT EXISTS extra (id INTEGER);")).ToArray();

        var first = await SqliteMigrator.MigrateAsync(connection, scripts, CancellationToken.None);
        var second = await SqliteMigrator.MigrateAsync(connection, scripts, CancellationToken.None);

        Assert.Equal([scripts.Length], first);
        Assert.Empty(second);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM extra;"));
    }

    [Fact]
    public async Task MigrateAsync_FailingScript_RollsBackItsChangesAndThrows()
    {
        await using var connection = await OpenRawAsync();
        var scripts = SqliteMigrator.EmbeddedScripts.Append(new SqliteMigrationScript(
            SqliteMigrator.EmbeddedScripts.Count + 1,
            "broken",
            "BEGIN IMMEDIATE; CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1); COMMIT;")).ToArray();

        var error = await Assert.ThrowsAsync<SqliteMigrationException>(() => SqliteMigrator.MigrateAsync(connection, scripts, CancellationToken.None));

        Assert.Equal(scripts.Length, error.Version);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done';"));
        Assert.Equal(SqliteMigrator.EmbeddedScripts.Select(s => s.Version), await SqliteMigrator.AppliedVersionsAsync(connection, CancellationToken.None));
    }

    [Fact]
    public async Task MigrateAsync_ScriptNotRecordingItsVersion_Throws()
    {
        await using var connection = await OpenRawAsync();
        var scripts = new[] { new SqliteMigrationScript(1, "silent", "CREATE TABLE IF NOT EXISTS t (id INTEGER);") };

        await Assert.ThrowsAsync<SqliteMigrationException>(() => SqliteMigrator.MigrateAsync(connection, scripts, CancellationToken.None));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseNewerThanBuild_Throws()
    {
        await using var connection = await OpenRawAsync();
        await SqliteMigrator.MigrateAsync(connection, CancellationToken.None);
        await connection.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', '2030-01-01T00:00:00Z');");

        var error = await Assert.ThrowsAsync<SqliteMigrationException>(() => SqliteMigrator.MigrateAsync(connection, CancellationToken.None));

        Assert.Equal(999, error.Version);
    }

    [Fact]
    public async Task MigrateAsync_GapInNumbering_Throws()
    {
        await using var connection = await OpenRawAsync();

        await Assert.ThrowsAsync<SqliteMigrationException>(() => SqliteMigrator.MigrateAsync(
            connection, [Script(1, "SELECT 1;"), Script(3, "SELECT 1;")], CancellationToken.None));
    }

    [Theory]
    [InlineData("0002_add_aliases.sql", 2, "add_aliases")]
    [InlineData("0010_x.sql", 10, "x")]
    public void Parse_WellNamedFile_ReadsVersionAndName(string fileName, int version, string name)
    {
        var script = SqliteMigrator.Parse(fileName, "SELECT 1;");

        Assert.Equal(version, script.Version);
        Assert.Equal(name, script.Name);
    }

    [Theory]
    [InlineData("2_x.sql")]
    [InlineData("0000_zero.sql")]
    [InlineData("0001_.sql")]
    [InlineData("0001_x.txt")]
    [InlineData("abcd_x.sql")]
    public void Parse_BadlyNamedFile_Throws(string fileName) =>
        Assert.Throws<SqliteMigrationException>(() => SqliteMigrator.Parse(fileName, "SELECT 1;"));

    private static SqliteMigrationScript Script(int version, string body) => new(
        version,
        $"test_{version}",
        $"BEGIN IMMEDIATE; {body} INSERT OR IGNORE INTO schema_version (version, name, applied_at) VALUES ({version}, 'test', '2025-01-01T00:00:00Z'); COMMIT;");

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection($"Data Source={_scratch.Combine("raw.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
