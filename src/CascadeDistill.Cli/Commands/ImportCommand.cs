using System.CommandLine;
using System.Globalization;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Imports;

namespace CascadeDistill.Cli.Commands;

/// <summary><c>cascade-distill import</c>: CSV or JSON Lines logs → validated day partitions of the log contract (docs/import.md).</summary>
public static class ImportCommand
{
    private static readonly Option<string> s_format = new("--format") { Description = "Source format: csv or jsonl", Required = true };
    private static readonly Option<string[]> s_inputs = new("--input") { Description = "Input file(s)", Required = true, AllowMultipleArgumentsPerToken = true };
    private static readonly Option<FileInfo> s_mapping = new("--mapping") { Description = "Mapping file (YAML) naming the source column of every log column", Required = true };

    public static Command Create()
    {
        Option<DirectoryInfo> workDir = CommonOptions.WorkDir();
        var command = new Command("import", "Import CSV or JSON Lines logs into day partitions, quarantining bad rows with reason codes")
        {
            s_format, s_inputs, s_mapping, workDir,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            ImportFormat format = parse.GetValue(s_format) switch
            {
                "csv" => ImportFormat.Csv,
                "jsonl" => ImportFormat.Jsonl,
                var other => throw new UsageException($"--format must be csv or jsonl (got '{other}'); parquet and sql are not implemented yet."),
            };
            var request = new ImportLogsRequest(format, parse.GetValue(s_inputs)!, parse.GetValue(s_mapping)!.FullName, parse.GetValue(workDir)!.FullName);
            ImportLogsResult result = await ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
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

    public static Task<ImportLogsResult> ExecuteAsync(ImportLogsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CliServices services = CliServices.Open(request.WorkDirectory);
        return new LogImporter(services.Runner.Logs, TimeProvider.System).ImportAsync(request, cancellationToken);
    }
}
