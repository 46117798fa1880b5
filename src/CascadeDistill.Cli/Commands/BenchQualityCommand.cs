using System.CommandLine;
using System.Globalization;
using CascadeDistill.Benchmarks;
using CascadeDistill.Cli.Benchmarks;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Cli.Commands;

/// <summary>
/// <c>cascade-distill bench quality --work-dir DIR</c>: simulates the default world (fixed seed), trains
/// every pipeline of the pipelines folder and, per stage, a ground-truth-only student of the same size,
/// and writes <c>DIR/quality.json</c> and <c>DIR/quality.md</c>. DIR must be new or empty: an existing,
/// non-empty DIR is refused (exit 2), since runs found already done there would carry no training.
/// </summary>
public static class BenchQualityCommand
{
    public static Command Create()
    {
        var workDir = new Option<DirectoryInfo>("--work-dir")
        {
            Description = "A new or empty folder for the benchmark's logs, runs, models and its report (quality.json, quality.md)",
            Required = true,
        };
        Option<DirectoryInfo?> pipelines = CommonOptions.Pipelines();
        var note = new Option<string?>("--note") { Description = "Free text recorded in the report (e.g. \"shared machine\")" };
        var tiny = new Option<bool>("--tiny") { Description = "Tests only: a tiny world and shrunk pipelines, so the command runs in seconds", Hidden = true };
        var command = new Command("quality", "Train every pipeline and a ground-truth-only student per stage on simulated logs; write quality.json and quality.md")
        {
            workDir, pipelines, note, tiny,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            DirectoryInfo work = parse.GetValue(workDir)!;
            EnsureFresh(work);
            DirectoryInfo folder = CommonOptions.ResolvePipelines(parse.GetValue(pipelines));
            if (!folder.Exists)
            {
                throw new UsageException($"Pipelines folder {folder.FullName} does not exist.");
            }
            IReadOnlyList<PipelineDefinition> definitions = new PipelineCatalogue(folder.FullName).LoadAll();
            QualityBenchmarkOptions options = parse.GetValue(tiny) ? QualityBenchmarkOptions.Tiny : QualityBenchmarkOptions.Full;
            string line = "cascade-distill " + string.Join(' ', parse.Tokens.Select(t => Quote(t.Value)));

            TerminalRunObserver observer = TerminalRunObserver.ForConsole();
            observer.Info($"Quality benchmark: {definitions.Count} pipeline(s) from {folder.FullName} ({string.Join(", ", definitions.Select(d => d.Name))}) into {work.FullName}");
            CliServices services = CliServices.Open(work.FullName);
            var runner = new QualityBenchmarkRunner(services.Runner, observer, observer.Info);
            QualityReport report = await runner.RunAsync(definitions, options, line, HostMachine.Describe(), parse.GetValue(note), cancellationToken).ConfigureAwait(false);
            (string json, string markdown) = await QualityBenchmarkRunner.WriteAsync(work.FullName, report, cancellationToken).ConfigureAwait(false);

            Console.Out.Write(QualityReportMarkdown.Write(report));
            Console.Out.WriteLine();
            Console.Out.WriteLine($"Report   {json}");
            Console.Out.WriteLine($"         {markdown}");
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Benchmark finished in {report.TotalSeconds / 60:F1} min."));
            return 0;
        }));
        return command;
    }

    /// <summary>Refuses an existing, non-empty work directory (a new or empty one is fine).</summary>
    public static void EnsureFresh(DirectoryInfo work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.Exists && work.EnumerateFileSystemInfos().Any())
        {
            throw new UsageException(
                $"--work-dir {work.FullName} exists and is not empty. The quality benchmark needs a new or empty folder (runs found already done there would report no training): choose another folder or delete this one.");
        }
    }

    private static string Quote(string value) => value.Contains(' ', StringComparison.Ordinal) ? $"\"{value}\"" : value;
}
