using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Registry;

namespace CascadeDistill.Cli.Commands;

/// <summary><c>cascade-distill models list [--model NAME] [--all] [--json]</c>: the registry's versions.</summary>
public static class ModelsCommand
{
    private static readonly Option<string?> s_model = new("--model") { Description = "Only this model" };
    private static readonly Option<bool> s_all = new("--all") { Description = "Include Pending and Failed versions" };
    private static readonly Option<bool> s_json = new("--json") { Description = "Print JSON for scripts" };

    public static Command Create()
    {
        Option<DirectoryInfo> workDir = CommonOptions.WorkDir();
        var list = new Command("list", "List model versions (Ready only unless --all)") { workDir, s_model, s_all, s_json };
        list.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            CliServices services = CliServices.Open(parse.GetValue(workDir)!.FullName);
            IReadOnlyList<ModelVersion> versions = await services.Runner.Registry.ListVersionsAsync(parse.GetValue(s_model), parse.GetValue(s_all), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(s_json))
            {
                IReadOnlyList<RunRecord> runs = await services.Runner.Runs.ListRunsAsync(new RunQuery(Limit: RunsForLineage), cancellationToken).ConfigureAwait(false);
                Console.Out.WriteLine(ToJson(versions, runs).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                PrintTable(versions);
            }
            return 0;
        }));
        return new Command("models", "Inspect the model registry") { list };
    }

    /// <summary>Newest runs read to give each version its partition and rerun lineage.</summary>
    private const int RunsForLineage = 10_000;

    /// <summary>
    /// The versions for scripts: identity, status, lineage (pipeline, run, its partition, config hash, dataset digest;
    /// for forced reruns the run they supersede, and for superseded runs the run that superseded them), metrics, parity.
    /// </summary>
    public static JsonArray ToJson(IReadOnlyList<ModelVersion> versions, IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(runs);
        Dictionary<string, RunRecord> byId = runs.ToDictionary(r => r.RunId, StringComparer.Ordinal);
        Dictionary<string, string> supersededBy = runs.Where(r => r.SupersedesRunId is not null)
            .ToDictionary(r => r.SupersedesRunId!, r => r.RunId, StringComparer.Ordinal);
        return ToJson(versions, byId, supersededBy);
    }

    private static JsonArray ToJson(IReadOnlyList<ModelVersion> versions, Dictionary<string, RunRecord> runs, Dictionary<string, string> supersededBy) =>
        new(versions.Select(v => (JsonNode?)new JsonObject
    {
        ["model"] = v.ModelName,
        ["version"] = v.Version,
        ["status"] = v.Status.ToString(),
        ["pipeline"] = v.Pipeline,
        ["run_id"] = v.RunId,
        ["partition"] = runs.TryGetValue(v.RunId, out RunRecord? run) ? run.Partition.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        ["supersedes_run_id"] = run?.SupersedesRunId,
        ["superseded_by_run_id"] = supersededBy.GetValueOrDefault(v.RunId),
        ["config_hash"] = v.ConfigHash,
        ["dataset_digest"] = v.DatasetDigest,
        ["created_at"] = v.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["artifact_directory"] = v.ArtifactDirectory,
        ["metrics"] = v.MetricsJson is null ? null : JsonNode.Parse(v.MetricsJson),
        ["parity"] = v.ParityJson is null ? null : JsonNode.Parse(v.ParityJson),
    }).ToArray());

    private static void PrintTable(IReadOnlyList<ModelVersion> versions)
    {
        if (versions.Count == 0)
        {
            Console.Out.WriteLine("No model versions.");
            return;
        }
        Console.Out.WriteLine($"{"model",-24}{"version",8}  {"status",-8}  {"created (UTC)",-20}  {"run",-34}  pipeline");
        foreach (ModelVersion v in versions)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{v.ModelName,-24}{v.Version,8}  {v.Status,-8}  {v.CreatedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss}  {v.RunId,-34}  {v.Pipeline}"));
        }
    }
}
