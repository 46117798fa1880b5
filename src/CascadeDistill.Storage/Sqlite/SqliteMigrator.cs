using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CascadeDistill.Storage.Sqlite;

/// <summary>
/// Applies the numbered scripts embedded from <c>sql/sqlite/</c> in order, each exactly once, recording
/// each in <c>schema_version</c>. Scripts are idempotent, so two processes migrating at once is harmless.
/// </summary>
public static class SqliteMigrator
{
    private const string ResourcePrefix = "sqlite/";

    private const string CreateSchemaVersion =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);";

    private static readonly Lazy<IReadOnlyList<SqliteMigrationScript>> s_embedded = new(LoadEmbeddedScripts);

    /// <summary>The scripts shipped in this assembly, by version.</summary>
    public static IReadOnlyList<SqliteMigrationScript> EmbeddedScripts => s_embedded.Value;

    /// <summary>Applies the embedded scripts not yet applied; returns the versions applied now.</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        MigrateAsync(connection, EmbeddedScripts, cancellationToken);

    /// <summary>Applies <paramref name="scripts"/> (versions 1..N) not yet applied, in order; returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(
        SqliteConnection connection, IReadOnlyList<SqliteMigrationScript> scripts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(scripts);
        ValidateSequence(scripts);
        await connection.ExecuteAsync(new CommandDefinition(CreateSchemaVersion, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var applied = (await AppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false)).ToHashSet();
        var known = scripts.Count == 0 ? 0 : scripts[^1].Version;
        var unknown = applied.Where(v => v > known).ToArray();
        if (unknown.Length > 0)
        {
            throw new SqliteMigrationException(unknown.Max(), $"the database has schema version {unknown.Max()}, newer than this build knows ({known}).");
        }

        var appliedNow = new List<int>();
        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ApplyAsync(connection, script, cancellationToken).ConfigureAwait(false);
            appliedNow.Add(script.Version);
        }

        return appliedNow;
    }

    /// <summary>The versions recorded in <c>schema_version</c>, ascending.</summary>
    public static async Task<IReadOnlyList<int>> AppliedVersionsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var versions = await connection.QueryAsync<long>(
            new CommandDefinition("SELECT version FROM schema_version ORDER BY version;", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return versions.Select(v => checked((int)v)).ToArray();
    }

    /// <summary>Parses <c>NNNN_name.sql</c> into a script.</summary>
    public static SqliteMigrationScript Parse(string fileName, string sql)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(sql);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var separator = stem.IndexOf('_', StringComparison.Ordinal);
        if (!fileName.EndsWith(".sql", StringComparison.Ordinal)
            || separator != 4
            || !int.TryParse(stem.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || version < 1
            || stem.Length == 5)
        {
            throw new SqliteMigrationException(0, $"'{fileName}' is not named NNNN_name.sql.");
        }

        return new SqliteMigrationScript(version, stem[5..], sql);
    }

    private static async Task ApplyAsync(SqliteConnection connection, SqliteMigrationScript script, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(script.Sql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            RollBackOpenTransaction(connection);
            throw new SqliteMigrationException(script.Version, $"'{script.Name}' failed: {ex.Message}", ex);
        }

        var recorded = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_version WHERE version = @Version;",
            new { script.Version },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (recorded != 1)
        {
            throw new SqliteMigrationException(script.Version, $"'{script.Name}' did not record its schema_version row.");
        }
    }

    /// <summary>A script that fails mid-way leaves its BEGIN open on the connection; undo it.</summary>
    private static void RollBackOpenTransaction(SqliteConnection connection)
    {
        if (connection.Handle is not null && raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
    }

    private static void ValidateSequence(IReadOnlyList<SqliteMigrationScript> scripts)
    {
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new SqliteMigrationException(scripts[i].Version, $"scripts must be numbered 1..N without gaps; position {i + 1} has {scripts[i].Version}.");
            }
        }
    }

    private static IReadOnlyList<SqliteMigrationScript> LoadEmbeddedScripts()
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        var scripts = new List<SqliteMigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new SqliteMigrationException(0, $"embedded script '{resource}' cannot be read.");
            using var reader = new StreamReader(stream);
            scripts.Add(Parse(resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return scripts.OrderBy(s => s.Version).ToArray();
    }
}
