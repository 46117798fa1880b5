using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.IO;
using CascadeDistill.Pipelines;
using CascadeDistill.Runs;
using CascadeDistill.Simulation;

namespace CascadeDistill.Cli.Commands;

/// <summary>
/// <c>cascade-distill demo</c>: the whole product on its embedded default — simulate logs, run the
/// <c>recall-pointwise</c> pipeline, print the metrics and artifacts, write <c>summary.json</c>.
/// </summary>
public static class DemoCommand
{
    public const string DemoPipeline = "recall-pointwise";
    public const string SummaryFile = "summary.json";

    public static Command Create()
    {
        Option<DirectoryInfo> workDir = CommonOptions.WorkDir();
        Option<DirectoryInfo?> pipelines = CommonOptions.Pipelines();
        var command = new Command("demo", $"Simulate logs, run the '{DemoPipeline}' pipeline end to end and write {SummaryFile}")
        {
            workDir, pipelines,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            DirectoryInfo work = parse.GetValue(workDir)!;
            PipelineDefinition pipeline = RunCommand.LoadPipeline(CommonOptions.ResolvePipelines(parse.GetValue(pipelines)), DemoPipeline);
            TerminalRunObserver observer = TerminalRunObserver.ForConsole();
            var total = Stopwatch.StartNew();

            var simulate = Stopwatch.StartNew();
            SimulateCommand.Execute(work, new SimulationOptions(), observer, cancellationToken);
            simulate.Stop();
            observer.Info(string.Create(CultureInfo.InvariantCulture, $"✔ Simulate ({simulate.Elapsed.TotalSeconds:F1} s)"));

            PipelineRunResult result = await RunCommand.ExecuteAsync(work, pipeline, partition: null, observer, cancellationToken).ConfigureAwait(false);
            total.Stop();
            ResultPrinter.Print(Console.Out, result);

            string summaryPath = Path.Combine(work.FullName, SummaryFile);
            JsonObject summary = Summary(result, simulate.Elapsed, total.Elapsed);
            await AtomicFile.WriteAllTextAsync(summaryPath, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine($"Summary  {summaryPath}");
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Demo finished in {total.Elapsed.TotalSeconds:F1} s."));
            return 0;
        }));
        return command;
    }

    /// <summary>summary.json: ONNX paths, version, metrics (student, baselines, teacher), parity, stage timings.</summary>
    public static JsonObject Summary(PipelineRunResult result, TimeSpan simulate, TimeSpan total)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metrics = new JsonObject();
        foreach ((string name, double value) in result.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (double.IsFinite(value))
            {
                metrics[name] = Math.Round(value, 6);
            }
        }
        var timings = new JsonObject { ["Simulate"] = Math.Round(simulate.TotalSeconds, 3) };
        foreach ((string stage, double seconds) in result.TimingsSeconds)
        {
            timings[stage] = seconds;
        }
        timings["Total"] = Math.Round(total.TotalSeconds, 3);
        return new JsonObject
        {
            ["pipeline"] = result.Pipeline,
            ["partition"] = result.Partition.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["run_id"] = result.RunId,
            ["model"] = result.Version.ModelName,
            ["version"] = result.Version.Version,
            ["version_status"] = result.Version.Status.ToString(),
            ["version_directory"] = result.VersionDirectory,
            ["onnx"] = new JsonArray(result.OnnxPaths.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            ["item_embeddings"] = result.EmbeddingsPath,
            ["metrics"] = metrics,
            ["parity_max_abs_diff"] = double.IsFinite(result.ParityMaxAbsDiff) ? result.ParityMaxAbsDiff : null,
            ["timings_s"] = timings,
            ["already_done"] = result.AlreadyDone,
        };
    }
}
