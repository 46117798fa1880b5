using System.CommandLine;
using System.Globalization;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Pipelines;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Commands;

/// <summary><c>cascade-distill run --pipeline NAME [--partition yyyy-MM-dd]</c>: one pipeline run, in process.</summary>
public static class RunCommand
{
    private static readonly Option<string> s_pipeline = new("--pipeline") { Description = "Pipeline name (a file NAME.yaml in the pipelines folder)", Required = true };
    private static readonly Option<string?> s_partition = new("--partition") { Description = "Last day of the window (yyyy-MM-dd); default: the newest log partition" };

    public static Command Create()
    {
        Option<DirectoryInfo> workDir = CommonOptions.WorkDir();
        Option<DirectoryInfo?> pipelines = CommonOptions.Pipelines();
        var command = new Command("run", "Run one distillation pipeline: build the dataset, train, evaluate, export ONNX, publish a version")
        {
            workDir, pipelines, s_pipeline, s_partition,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            PipelineDefinition pipeline = LoadPipeline(CommonOptions.ResolvePipelines(parse.GetValue(pipelines)), parse.GetValue(s_pipeline)!);
            DateOnly? partition = ParsePartition(parse.GetValue(s_partition));
            PipelineRunResult result = await ExecuteAsync(parse.GetValue(workDir)!, pipeline, partition, TerminalRunObserver.ForConsole(), cancellationToken).ConfigureAwait(false);
            ResultPrinter.Print(Console.Out, result);
            return 0;
        }));
        return command;
    }

    public static async Task<PipelineRunResult> ExecuteAsync(DirectoryInfo workDir, PipelineDefinition pipeline, DateOnly? partition, TerminalRunObserver observer, CancellationToken cancellationToken)
    {
        CliServices services = CliServices.Open(workDir.FullName);
        var runner = new PipelineRunner(services.Runner, observer);
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
