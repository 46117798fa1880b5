using CascadeDistill.Storage.Sqlite;
using CascadeDistill.Testing;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CascadeDistill.Storage.Tests.Sqlite;

/// <summary>Migration 0004 (run generations): upgrading a database with runs keeps them and their children, and applying it twice changes nothing.</summary>
public sealed class SqliteRunGenerationsMigrationTests : IDisposable
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Script0004_OnADatabaseWithRuns_KeepsEveryRowAsGenerationZero_AndAllowsANewGenerationOfTheKey()
    {
        await using SqliteConnection connection = await OpenWithVersion3RunAsync();

        await connection.ExecuteAsync(Script(4));

        Assert.Equal(("r1", "Succeeded", 2L), await connection.QuerySingleAsync<(string, string, long)>("SELECT run_id, status, attempt FROM runs;"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM run_stages WHERE run_id = 'r1';"));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT generation FROM run_generations WHERE run_id = 'r1';"));
        Assert.Empty(await connection.QueryAsync("PRAGMA foreign_key_check;"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys;"));
        await InsertRunAsync(connection, "r2");
        await connection.ExecuteAsync(
            $"INSERT INTO run_generations (run_id, pipeline, partition_day, config_hash, generation, supersedes_run_id) VALUES ('r2', 'p', '2025-01-14', '{Hash}', 1, 'r1');");
        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            $"INSERT INTO run_generations (run_id, pipeline, partition_day, config_hash, generation, supersedes_run_id) VALUES ('r1', 'p', '2025-01-14', '{Hash}', 1, 'r2');"));
    }

    [Fact]
    public async Task Script0004_AppliedTwice_KeepsRunsAndGenerations()
    {
        await using SqliteConnection connection = await OpenWithVersion3RunAsync();
        await connection.ExecuteAsync(Script(4));
        await InsertRunAsync(connection, "r2");
        await connection.ExecuteAsync(
            $"INSERT INTO run_generations (run_id, pipeline, partition_day, config_hash, generation, supersedes_run_id) VALUES ('r2', 'p', '2025-01-14', '{Hash}', 1, 'r1');");

        await connection.ExecuteAsync(Script(4));

        Assert.Equal(["r1", "r2"], await connection.QueryAsync<string>("SELECT run_id FROM runs ORDER BY run_id;"));
        Assert.Equal([0L, 1L], await connection.QueryAsync<long>("SELECT generation FROM run_generations ORDER BY generation;"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version WHERE version = 4;"));
    }

    private static string Script(int version) => SqliteMigrator.EmbeddedScripts[version - 1].Sql;

    /// <summary>A database migrated to version 3 holding one Succeeded run (attempt 2) with a stage.</summary>
    private async Task<SqliteConnection> OpenWithVersion3RunAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _scratch.Combine("r.db") }.ToString());
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA foreign_keys = ON;");
        await SqliteMigrator.MigrateAsync(connection, SqliteMigrator.EmbeddedScripts.Take(3).ToArray(), CancellationToken.None);
        await InsertRunAsync(connection, "r1");
        await connection.ExecuteAsync("UPDATE runs SET status = 'Succeeded', attempt = 2 WHERE run_id = 'r1';");
        await connection.ExecuteAsync("INSERT INTO run_stages (run_id, stage, status, started_at) VALUES ('r1', 'ReadLogs', 'Succeeded', '2025-01-14T00:00:00.0000000Z');");
        return connection;
    }

    private static Task InsertRunAsync(SqliteConnection connection, string runId) => connection.ExecuteAsync(
        $"""
        INSERT INTO runs (run_id, pipeline, partition_day, window_first, window_last, config_hash, status, attempt, started_at)
        VALUES ('{runId}', 'p', '2025-01-14', '2025-01-08', '2025-01-14', '{Hash}', 'Running', 1, '2025-01-14T00:00:00.0000000Z');
        """);
}
