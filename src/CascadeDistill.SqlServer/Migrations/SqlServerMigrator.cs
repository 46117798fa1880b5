using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;

namespace CascadeDistill.SqlServer.Migrations;

/// <summary>
/// Applies the numbered scripts embedded from <c>sql/sqlserver/</c> in order, each once, recording each in
/// <c>cascade_distill.schema_version</c>. Each script is its own transaction under an application lock
/// and is idempotent, so two processes migrating at once is harmless.
/// </summary>
public static class SqlServerMigrator
{
    /// <summary>The schema that holds the product's tables (Hangfire's stay in its own schema).</summary>
    public const string Schema = "cascade_distill";

    private const string ResourcePrefix = "sqlserver/";

    private static readonly Lazy<IReadOnlyList<SqlServerMigrationScript>> s_embedded = new(LoadEmbeddedScripts);

    /// <summary>The scripts shipped in this assembly, by version.</summary>
    public static IReadOnlyList<SqlServerMigrationScript> EmbeddedScripts => s_embedded.Value;

    /// <summary>Applies the embedded scripts not yet applied; returns the versions applied now.</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(SqlConnection connection, TimeSpan commandTimeout, CancellationToken cancellationToken) =>
        MigrateAsync(connection, EmbeddedScripts, commandTimeout, cancellationToken);

    /// <summary>Applies <paramref name="scripts"/> (versions 1..N) not yet applied, in order; returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(
        SqlConnection connection, IReadOnlyList<SqlServerMigrationScript> scripts, TimeSpan commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(scripts);
        ValidateSequence(scripts);
        var applied = (await AppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false)).ToHashSet();
        var known = scripts.Count == 0 ? 0 : scripts[^1].Version;
        var unknown = applied.Where(v => v > known).ToArray();
        if (unknown.Length > 0)
        {
            throw new SqlServerMigrationException(unknown.Max(), $"the database has schema version {unknown.Max()}, newer than this build knows ({known}).");
        }

        var appliedNow = new List<int>();
        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ApplyAsync(connection, script, commandTimeout, cancellationToken).ConfigureAwait(false);
            appliedNow.Add(script.Version);
        }

        return appliedNow;
    }

    /// <summary>The versions recorded in <c>cascade_distill.schema_version</c>, ascending; empty before the first migration.</summary>
    public static async Task<IReadOnlyList<int>> AppliedVersionsAsync(SqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var table = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            $"SELECT OBJECT_ID(N'{Schema}.schema_version', N'U');", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (table is null)
        {
            return [];
        }

        var versions = await connection.QueryAsync<int>(new CommandDefinition(
            $"SELECT version FROM {Schema}.schema_version ORDER BY version;", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return versions.ToArray();
    }

    /// <summary>Parses <c>NNNN_name.sql</c> into a script of GO-separated batches.</summary>
    public static SqlServerMigrationScript Parse(string fileName, string sql)
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
            throw new SqlServerMigrationException(0, $"'{fileName}' is not named NNNN_name.sql.");
        }

        IReadOnlyList<string> batches;
        try
        {
            batches = SqlBatchSplitter.Split(sql);
        }
        catch (FormatException ex)
        {
            throw new SqlServerMigrationException(version, $"'{fileName}': {ex.Message}", ex);
        }

        if (batches.Count == 0)
        {
            throw new SqlServerMigrationException(version, $"'{fileName}' holds no statement.");
        }

        return new SqlServerMigrationScript(version, stem[5..], batches);
    }

    private static async Task ApplyAsync(SqlConnection connection, SqlServerMigrationScript script, TimeSpan commandTimeout, CancellationToken cancellationToken)
    {
        var timeout = (int)Math.Ceiling(commandTimeout.TotalSeconds);
        for (var i = 0; i < script.Batches.Count; i++)
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(script.Batches[i], commandTimeout: timeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            catch (SqlException ex)
            {
                await RollBackOpenTransactionAsync(connection).ConfigureAwait(false);
                throw new SqlServerMigrationException(script.Version, $"'{script.Name}' failed in batch {i + 1} of {script.Batches.Count}: {ex.Message}", ex);
            }
        }

        var recorded = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {Schema}.schema_version WHERE version = @Version;",
            new { script.Version },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (recorded != 1)
        {
            throw new SqlServerMigrationException(script.Version, $"'{script.Name}' did not record its schema_version row.");
        }
    }

    /// <summary>A script that fails mid-way may leave its transaction open on the connection (XACT_ABORT rolls most errors back already); undo it.</summary>
    private static async Task RollBackOpenTransactionAsync(SqlConnection connection)
    {
        if (connection.State == System.Data.ConnectionState.Open)
        {
            await connection.ExecuteAsync("IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;").ConfigureAwait(false);
        }
    }

    private static void ValidateSequence(IReadOnlyList<SqlServerMigrationScript> scripts)
    {
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new SqlServerMigrationException(scripts[i].Version, $"scripts must be numbered 1..N without gaps; position {i + 1} has {scripts[i].Version}.");
            }
        }
    }

    private static IReadOnlyList<SqlServerMigrationScript> LoadEmbeddedScripts()
    {
        var assembly = typeof(SqlServerMigrator).Assembly;
        var scripts = new List<SqlServerMigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new SqlServerMigrationException(0, $"embedded script '{resource}' cannot be read.");
            using var reader = new StreamReader(stream);
            scripts.Add(Parse(resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return scripts.OrderBy(s => s.Version).ToArray();
    }
}
