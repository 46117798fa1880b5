using System.Data;
using CascadeDistill.SqlServer.Migrations;
using Microsoft.Data.SqlClient;

namespace CascadeDistill.SqlServer;

/// <summary>
/// The registry's SQL Server database: migrated when opened (unless configured off), one pooled connection
/// per operation. Writes run in a READ COMMITTED transaction whose decisive reads take
/// <c>UPDLOCK, HOLDLOCK</c> (key-range) locks, so concurrent claims of one key or allocations of one model's
/// next version queue behind each other instead of both inserting; a unit of work chosen as a deadlock
/// victim, or losing a unique-key race, is run again from the start (it re-reads everything).
/// </summary>
public sealed class SqlServerRegistryDatabase
{
    /// <summary>Statements that lock what they read inside a write transaction.</summary>
    internal const string Lock = "WITH (UPDLOCK, HOLDLOCK)";

    private const int DeadlockVictim = 1205;

    private static readonly TimeSpan s_minMigrationTimeout = TimeSpan.FromMinutes(5);
    private const int UniqueIndexViolation = 2601;
    private const int UniqueConstraintViolation = 2627;

    private readonly string _connectionString;
    private readonly int _maxConflictRetries;

    private SqlServerRegistryDatabase(SqlServerRegistryOptions options)
    {
        // The statement timeout travels in the connection string, so every command of every connection has it.
        _connectionString = new SqlConnectionStringBuilder(options.ConnectionString)
        {
            CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
        }.ConnectionString;
        _maxConflictRetries = options.MaxConflictRetries;
    }

    /// <summary>The migration versions this open applied (empty when the schema was current or migrations are off).</summary>
    public IReadOnlyList<int> MigrationsAppliedAtOpen { get; private set; } = [];

    /// <summary>Validates the options, opens the database once and applies the embedded migrations (when enabled).</summary>
    public static async Task<SqlServerRegistryDatabase> OpenAsync(SqlServerRegistryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = SqlServerRegistryOptionsValidator.Validate(options, "SqlServer");
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SQL Server registry options: " + string.Join(" ", errors), nameof(options));
        }

        var database = new SqlServerRegistryDatabase(options);
        if (options.ApplyMigrations)
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            // A script may wait up to 60 s for another process's migration lock, then build indexes: give it room.
            TimeSpan migrationTimeout = options.CommandTimeout > s_minMigrationTimeout ? options.CommandTimeout : s_minMigrationTimeout;
            database.MigrationsAppliedAtOpen = await SqlServerMigrator.MigrateAsync(connection, migrationTimeout, cancellationToken).ConfigureAwait(false);
        }

        return database;
    }

    /// <summary>An open connection; the caller disposes it.</summary>
    public async Task<SqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a READ COMMITTED transaction, committed when it returns; retried whole on deadlock or a lost unique-key race.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqlConnection, SqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await InTransactionAsync(work, cancellationToken).ConfigureAwait(false);
            }
            catch (SqlException ex) when (attempt < _maxConflictRetries && IsConflict(ex))
            {
                // The transaction was rolled back; run the whole unit again, it re-reads what it decides on.
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in a READ COMMITTED transaction (reads without update locks).</summary>
    internal Task<T> ReadAsync<T>(Func<SqlConnection, SqlTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        InTransactionAsync(work, cancellationToken);

    private static bool IsConflict(SqlException ex) =>
        ex.Number is DeadlockVictim or UniqueIndexViolation or UniqueConstraintViolation;

    private async Task<T> InTransactionAsync<T>(Func<SqlConnection, SqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}
