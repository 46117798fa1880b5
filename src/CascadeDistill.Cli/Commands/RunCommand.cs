using System.CommandLine;
using System.Globalization;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Pipelines;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Commands;

/// <summary>
/// <c>cascade-distill run --pipeline NAME [--partition yyyy-MM-dd] [--force]</c>: one pipeline run, in process; with
/// <c>--server URL [--wait]</c> handed to a running <c>serve</c> instead (<see cref="RemoteRun"/>).
/// </summary>
public static class RunCommand
{
    private static readonly Option<string> s_pipeline = new("--pipeline") { Description = "Pipeline name (a file NAME.yaml in the pipelines folder)", Required = true };
    private static readonly Option<string?> s_partition = new("--partition") { Description = "Last day of the window (yyyy-MM-dd); default: the newest log partition" };
    private static readonly Option<string?> s_server = new("--server") { Description = "Hand the run to a running 'cascade-distill serve' at this URL (e.g. http://127.0.0.1:5080) instead of running it here" };
    private static readonly Option<bool> s_force = new("--force") { Description = "Rerun even if the partition already succeeded with this configuration: a new run publishes a new version; the older version stays intact" };
    private static readonly Option<bool> s_wait = new("--wait") { Description = "With --server: wait until the run has finished and exit 0 only if it succeeded" };

    public static Command Create()
    {
        Option<DirectoryInfo> workDir = CommonOptions.WorkDir();
        Option<DirectoryInfo?> pipelines = CommonOptions.Pipelines();
        var command = new Command("run", "Run one distillation pipeline: build the dataset, train, evaluate, export ONNX, publish a version")
        {
            workDir, pipelines, s_pipeline, s_partition, s_server, s_wait, s_force,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            DateOnly? partition = ParsePartition(parse.GetValue(s_partition));
            if (parse.GetValue(s_server) is { } server)
            {
                return await RemoteRun.ExecuteAsync(ParseServer(server), parse.GetValue(s_pipeline)!, partition, parse.GetValue(s_wait), Console.Out, cancellationToken, parse.GetValue(s_force)).ConfigureAwait(false);
            }
            PipelineDefinition pipeline = LoadPipeline(CommonOptions.ResolvePipelines(parse.GetValue(pipelines)), parse.GetValue(s_pipeline)!);
            PipelineRunResult result = await ExecuteAsync(parse.GetValue(workDir)!, pipeline, partition, TerminalRunObserver.ForConsole(), cancellationToken, parse.GetValue(s_force)).ConfigureAwait(false);
            ResultPrinter.Print(Console.Out, result);
            return 0;
        }));
        return command;
    }

    /// <param name="force">Rerun even when the partition already succeeded (<see cref="PipelineRunner.Force"/>).</param>
    public static async Task<PipelineRunResult> ExecuteAsync(
        DirectoryInfo workDir, PipelineDefinition pipeline, DateOnly? partition, TerminalRunObserver observer, CancellationToken cancellationToken, bool force = false)
    {
        CliServices services = CliServices.Open(workDir.FullName);
        var runner = new PipelineRunner(services.Runner, observer) { Force = force };
        return await runner.RunAsync(pipeline, partition, cancellationToken).ConfigureAwait(false);
    }

    public static PipelineDefinition LoadPipeline(DirectoryInfo folder, string name)
    {
        if (!folder.Exists)
        {
            throw new UsageException($"Pipelines folder {folder.FullName} does not exist.");
        }
        return new PipelineCatalogue(folder.FullName).Load(name);
    }

    private static Uri ParseServer(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"--server must be an http(s) URL such as http://127.0.0.1:5080 (got '{text}').");

    private static DateOnly? ParsePartition(string? text)
    {
        if (text is null)
        {
            return null;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? day
            : throw new UsageException($"--partition must be yyyy-MM-dd (got '{text}').");
    }
}
