using System.CommandLine;
using System.Globalization;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Simulation;

namespace CascadeDistill.Cli.Commands;

/// <summary><c>cascade-distill simulate</c>: synthetic fine-ranking logs and the item catalogue.</summary>
public static class SimulateCommand
{
    private static readonly SimulationOptions s_defaults = new();

    private static readonly Option<int> s_days = new("--days") { Description = "Days of logs", DefaultValueFactory = _ => s_defaults.Days };
    private static readonly Option<string> s_start = new("--start-day") { Description = "First day (yyyy-MM-dd)", DefaultValueFactory = _ => s_defaults.StartDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
    private static readonly Option<int> s_requests = new("--requests-per-day") { Description = "Requests per day", DefaultValueFactory = _ => s_defaults.RequestsPerDay };
    private static readonly Option<int> s_users = new("--users") { Description = "Users", DefaultValueFactory = _ => s_defaults.Users };
    private static readonly Option<int> s_items = new("--items") { Description = "Items in the catalogue", DefaultValueFactory = _ => s_defaults.Items };
    private static readonly Option<int> s_candidates = new("--candidates") { Description = "Candidates scored by the teacher per request", DefaultValueFactory = _ => s_defaults.CandidatesPerRequest };
    private static readonly Option<int> s_listLength = new("--list-length") { Description = "Length of the final ranked list", DefaultValueFactory = _ => s_defaults.ListLength };
    private static readonly Option<int> s_seed = new("--seed") { Description = "Random seed", DefaultValueFactory = _ => s_defaults.Seed };
    private static readonly Option<string?> s_export = new("--export") { Description = "Instead of Arrow partitions, write one flat export file (parquet, csv or jsonl; rows shuffled across requests) and its import mapping" };
    private static readonly Option<FileInfo?> s_exportPath = new("--export-path") { Description = "The export file (with --export); the mapping is written beside it as <file>.mapping.yaml" };

    public static Command Create()
    {
        Option<DirectoryInfo> workDir = CommonOptions.WorkDir();
        var command = new Command("simulate", "Generate realistic fine-ranking logs (Arrow, partitioned by day) and the item catalogue from a hidden ground truth")
        {
            workDir, s_days, s_start, s_requests, s_users, s_items, s_candidates, s_listLength, s_seed, s_export, s_exportPath,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(() =>
        {
            SimulationOptions options = Read(parse);
            if (parse.GetValue(s_export) is { } format)
            {
                FileInfo path = parse.GetValue(s_exportPath) ?? throw new UsageException("--export needs --export-path FILE.");
                long exported = SimulatedExport.Write(format, path.FullName, options, cancellationToken);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exported {exported:N0} rows to {path.FullName} (mapping: {path.FullName}.mapping.yaml)."));
                return Task.FromResult(0);
            }
            TerminalRunObserver observer = TerminalRunObserver.ForConsole();
            SimulateLogsResult result = Execute(parse.GetValue(workDir)!, options, observer, cancellationToken);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {result.DaysWritten.Count} day(s), {result.RequestsWritten:N0} requests, {result.RowsWritten:N0} rows; kept {result.DaysSkipped.Count} existing day(s); catalogue of {result.CatalogueItems:N0} items."));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static SimulateLogsResult Execute(DirectoryInfo workDir, SimulationOptions options, TerminalRunObserver observer, CancellationToken cancellationToken)
    {
        CliServices services = CliServices.Open(workDir.FullName);
        var simulator = new LogSimulator(options);
        observer.Info(string.Create(CultureInfo.InvariantCulture,
            $"Simulating {options.Days} day(s) × {options.RequestsPerDay:N0} requests × {options.CandidatesPerRequest} candidates into {services.Layout.Logs}"));
        return new SimulateLogs(services.Runner.Logs, services.Runner.Catalogue).Write(
            simulator,
            (fraction, message) => observer.StageProgress(Registry.RunStage.ReadLogs, fraction, message),
            cancellationToken);
    }

    private static SimulationOptions Read(ParseResult parse)
    {
        string start = parse.GetValue(s_start)!;
        if (!DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly startDay))
        {
            throw new UsageException($"--start-day must be yyyy-MM-dd (got '{start}').");
        }
        var options = new SimulationOptions
        {
            Days = parse.GetValue(s_days),
            StartDay = startDay,
            RequestsPerDay = parse.GetValue(s_requests),
            Users = parse.GetValue(s_users),
            Items = parse.GetValue(s_items),
            CandidatesPerRequest = parse.GetValue(s_candidates),
            ListLength = parse.GetValue(s_listLength),
            Seed = parse.GetValue(s_seed),
        };
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new UsageException("Invalid simulation options:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }
        return options;
    }
}
