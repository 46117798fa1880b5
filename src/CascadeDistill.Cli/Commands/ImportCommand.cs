using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Imports;
using CascadeDistill.Parquet.Imports;
using CascadeDistill.Sql.Imports;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CascadeDistill.Cli.Commands;

/// <summary><c>cascade-distill import</c>: Parquet, CSV, JSON Lines or SQL logs → validated day partitions of the log contract (docs/import.md).</summary>
public static class ImportCommand
{
    /// <summary>Environment variable holding the SQL connection string when <c>--connection</c> is not given (keeps secrets off the command line).</summary>
    public const string ConnectionVariable = "CASCADE_DISTILL_SQL_CONNECTION";

    private static readonly Option<string> s_format = new("--format") { Description = "Source format: parquet, csv, jsonl or sql", Required = true };
    private static readonly Option<string[]> s_inputs = new("--input") { Description = "Input file(s); for --format sql, the query (or queries)", Required = true, AllowMultipleArgumentsPerToken = true };
    private static readonly Option<FileInfo> s_mapping = new("--mapping") { Description = "Mapping file (YAML) naming the source column of every log column", Required = true };
    private static readonly Option<string?> s_connection = new("--connection") { Description = $"SQL connection string (--format sql); default: the {ConnectionVariable} environment variable" };
    private static readonly Option<string> s_provider = new("--sql-provider") { Description = "ADO.NET provider for --format sql: sqlserver (Microsoft.Data.SqlClient) or sqlite", DefaultValueFactory = _ => "sqlserver" };

    public static Command Create()
    {
        Option<DirectoryInfo> workDir = CommonOptions.WorkDir();
        var command = new Command("import", "Import Parquet, CSV, JSON Lines or SQL logs into day partitions, quarantining bad rows with reason codes")
        {
            s_format, s_inputs, s_mapping, s_connection, s_provider, workDir,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            ImportFormat format = parse.GetValue(s_format) switch
            {
                "parquet" => ImportFormat.Parquet,
                "csv" => ImportFormat.Csv,
                "jsonl" => ImportFormat.Jsonl,
                "sql" => ImportFormat.Sql,
                var other => throw new UsageException($"--format must be parquet, csv, jsonl or sql (got '{other}')."),
            };
            IImportSource? sql = format == ImportFormat.Sql
                ? SqlSource(parse.GetValue(s_provider)!, parse.GetValue(s_connection) ?? Environment.GetEnvironmentVariable(ConnectionVariable))
                : null;
            var request = new ImportLogsRequest(format, parse.GetValue(s_inputs)!, parse.GetValue(s_mapping)!.FullName, parse.GetValue(workDir)!.FullName);
            ImportLogsResult result = await ExecuteAsync(request, sql, cancellationToken).ConfigureAwait(false);
            foreach (string message in result.Messages)
            {
                await Console.Out.WriteLineAsync(message).ConfigureAwait(false);
            }
            ImportTotals totals = result.Manifest.Totals;
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Import {result.Manifest.ImportId}: read {totals.RowsRead:N0} rows, accepted {totals.RowsAccepted:N0} ({totals.RequestsAccepted:N0} requests in {result.Manifest.Partitions.Count} partition file(s)), quarantined {totals.RowsQuarantined.Values.Sum():N0}. Manifest: {result.ManifestPath}")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    public static Task<ImportLogsResult> ExecuteAsync(ImportLogsRequest request, CancellationToken cancellationToken) =>
        ExecuteAsync(request, sql: null, cancellationToken);

    /// <param name="sql">The SQL source (<see cref="SqlSource"/>) when <paramref name="request"/> is a SQL import.</param>
    public static Task<ImportLogsResult> ExecuteAsync(ImportLogsRequest request, IImportSource? sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CliServices services = CliServices.Open(request.WorkDirectory);
        IImportSource[] sources = [new CsvImportSource(), new JsonLinesImportSource(), new ParquetImportSource(), .. sql is null ? Array.Empty<IImportSource>() : [sql]];
        return new LogImporter(services.Runner.Logs, services.Runner.Catalogue, TimeProvider.System, sources).ImportAsync(request, cancellationToken);
    }

    /// <summary>The SQL source for a provider and connection string; the manifest names the server and database, never credentials.</summary>
    public static IImportSource SqlSource(string provider, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new UsageException($"--format sql needs --connection or the {ConnectionVariable} environment variable.");
        }
        return provider switch
        {
            "sqlserver" => SqlServer(connectionString),
            "sqlite" => Sqlite(connectionString),
            _ => throw new UsageException($"--sql-provider must be sqlserver or sqlite (got '{provider}')."),
        };
    }

    private static SqlImportSource SqlServer(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        return new SqlImportSource(() => new SqlConnection(connectionString), $"sqlserver:{builder.DataSource}/{builder.InitialCatalog}");
    }

    private static SqlImportSource Sqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return new SqlImportSource(() => (DbConnection)new SqliteConnection(connectionString), "sqlite:" + Path.GetFullPath(builder.DataSource));
    }
}
