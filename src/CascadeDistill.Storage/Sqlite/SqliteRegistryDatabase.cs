using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CascadeDistill.Storage.Sqlite;

/// <summary>
/// The registry's SQLite file: migrated when opened, WAL journal, a busy timeout, foreign keys on and
/// synchronous=FULL so a committed transaction survives a power cut. One connection per operation
/// (pooled); writes run in <c>BEGIN IMMEDIATE</c> transactions, which serialise writers.
/// </summary>
public sealed class SqliteRegistryDatabase
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;

    private SqliteRegistryDatabase(string databasePath, TimeSpan busyTimeout)
    {
        DatabasePath = databasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        _connectionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The migration versions this call applied (empty when the schema was current).</summary>
    public IReadOnlyList<int> MigrationsAppliedAtOpen { get; private set; } = [];

    /// <summary>Opens (creating when missing) and migrates the database.</summary>
    public static async Task<SqliteRegistryDatabase> OpenAsync(SqliteRegistryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.BusyTimeout, TimeSpan.Zero);
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var database = new SqliteRegistryDatabase(path, options.BusyTimeout);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var journal = await connection.ExecuteScalarAsync<string>(
            new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"'{path}': SQLite refused WAL journal mode (got '{journal}').");
        }

        database.MigrationsAppliedAtOpen = await SqliteMigrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>Opens (creating when missing) and migrates the database at <paramref name="databasePath"/> with default settings.</summary>
    public static Task<SqliteRegistryDatabase> OpenAsync(string databasePath, CancellationToken cancellationToken) =>
        OpenAsync(new SqliteRegistryOptions { DatabasePath = databasePath }, cancellationToken);

    /// <summary>An open connection with the registry's pragmas applied; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(_connectionPragmas, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a <c>BEGIN IMMEDIATE</c> transaction, committed when it returns.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in a deferred (read) transaction, so multi-statement reads see one snapshot.</summary>
    internal async Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}
