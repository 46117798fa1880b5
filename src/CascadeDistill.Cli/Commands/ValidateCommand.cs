using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CascadeDistill.Arrow.Logs;
using CascadeDistill.Imports;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Quality;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Commands;

/// <summary>
/// <c>cascade-distill validate --work-dir DIR [--partition yyyy-MM-dd] [--pipeline NAME]</c>: a partition's
/// accounting and anomalies without running a pipeline — the files checked and quarantined, the imports that
/// wrote it, contract violations, drift figures against the previous window. Exit code 0 when a run would
/// proceed, 2 when it would be refused (quarantine rate, a blocking drift gate, a contract violation, no files).
/// </summary>
public static class ValidateCommand
{
    public const int BlockedExitCode = 2;

    private static readonly Option<string?> s_partition = new("--partition") { Description = "The day to validate (yyyy-MM-dd); default: the newest log partition" };
    private static readonly Option<string?> s_pipeline = new("--pipeline") { Description = "Use this pipeline's objectives, features and quality thresholds (default: the file's own columns and the default thresholds)" };
    private static readonly Option<bool> s_json = new("--json") { Description = "Print the report as JSON" };

    public static Command Create()
    {
        Option<DirectoryInfo> workDir = CommonOptions.WorkDir();
        Option<DirectoryInfo?> pipelines = CommonOptions.Pipelines();
        var command = new Command("validate", "Print a log partition's accounting, anomalies and drift figures without running a pipeline (exit code 2 when a run would be refused)")
        {
            workDir, pipelines, s_partition, s_pipeline, s_json,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(() =>
        {
            PipelineDefinition? pipeline = parse.GetValue(s_pipeline) is { } name
                ? RunCommand.LoadPipeline(CommonOptions.ResolvePipelines(parse.GetValue(pipelines)), name)
                : null;
            string? partition = parse.GetValue(s_partition);
            DateOnly? day = partition is null ? null
                : DateOnly.TryParseExact(partition, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d) ? d
                : throw new UsageException($"--partition must be yyyy-MM-dd (got '{partition}').");
            PartitionValidation result = Execute(parse.GetValue(workDir)!.FullName, day, pipeline, cancellationToken);
            if (parse.GetValue(s_json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(result.ToJson(), new JsonSerializerOptions(JsonSerializerDefaults.Web)
                {
                    WriteIndented = true,
                    NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
                }));
            }
            else
            {
                result.Print(Console.Out);
            }
            return Task.FromResult(result.WouldBlock ? BlockedExitCode : 0);
        }));
        return command;
    }

    public static PartitionValidation Execute(string workDirectory, DateOnly? partition, PipelineDefinition? pipeline, CancellationToken cancellationToken)
    {
        var layout = new WorkLayout(workDirectory);
        var logs = new ArrowLogStore(layout.Logs);
        IReadOnlyList<DateOnly> days = logs.ListDays();
        DateOnly day = partition ?? (days.Count > 0 ? days[^1] : throw new UsageException($"No log partitions under {layout.Logs}."));
        var imports = ImportManifests.ForDay(layout.Root, day);
        QualityDefinition quality = pipeline?.Quality ?? QualityDefinition.Default;
        LogReadRequest? request = pipeline is not null
            ? new LogReadRequest(pipeline.Logs.Objectives, pipeline.Features, pipeline.Logs.ReadLabels)
            : Describe(logs, day);
        if (request is null)
        {
            return new PartitionValidation(day, imports, null, [$"[{LogReasonCodes.MissingColumn}] no complete log file in partition {day:yyyy-MM-dd}"]);
        }
        try
        {
            PartitionQualityReport report = PartitionQualityCheck.Check(logs, day, [day], request, quality, cancellationToken);
            var anomalies = new List<string>();
            if (report.Screening.Accepted.All(f => f.Day != day))
            {
                anomalies.Add($"[empty_partition] partition {day:yyyy-MM-dd} has no complete log file");
            }
            if (ImportQuarantineRate.Exceeded(ImportAccountingSummary.ForDays(layout.Root, [day]), quality.MaxQuarantineRate) is { } importReason)
            {
                anomalies.Add(importReason);
            }
            return new PartitionValidation(day, imports, report, anomalies);
        }
        catch (LogContractException e)
        {
            return new PartitionValidation(day, imports, null, [$"[{e.ReasonCode}] {e.Message}"]);
        }
    }

    /// <summary>Reads what the partition's first readable file holds (objectives, labels, features); when it has none, the nearest earlier day's.</summary>
    private static LogReadRequest? Describe(ArrowLogStore logs, DateOnly day)
    {
        IEnumerable<DateOnly> days = [day, .. logs.ListDays().Where(d => d < day).OrderDescending()];
        foreach (LogFileInfo file in days.SelectMany(logs.ListFiles))
        {
            if (logs.Describe(file) is { } schema)
            {
                return new LogReadRequest(schema.Objectives, schema.Features, schema.HasLabels);
            }
        }
        return null;
    }
}
