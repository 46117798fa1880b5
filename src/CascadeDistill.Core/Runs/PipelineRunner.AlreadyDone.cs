using System.Text.Json;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;

namespace CascadeDistill.Runs;

public sealed partial class PipelineRunner
{
    /// <summary>The run's Ready version of the pipeline's model, if it has one.</summary>
    private async Task<ModelVersion?> FindReadyVersionAsync(PipelineDefinition pipeline, RunRecord run, CancellationToken cancellationToken)
    {
        IReadOnlyList<ModelVersion> versions = await services.Registry.ListVersionsAsync(pipeline.Publish.ModelName, includeNonReady: false, cancellationToken).ConfigureAwait(false);
        return versions.LastOrDefault(v => v.RunId == run.RunId);
    }

    /// <summary>The result of a run that had already succeeded for the same pipeline, partition and config hash.</summary>
    private async Task<PipelineRunResult> AlreadyDoneAsync(PipelineDefinition pipeline, RunRecord run, CancellationToken cancellationToken)
    {
        ModelVersion version = await FindReadyVersionAsync(pipeline, run, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run {run.RunId} succeeded but no Ready version of '{pipeline.Publish.ModelName}' records it.");
        string directory = services.Artifacts.Resolve(version);
        observer.Warning($"Pipeline '{pipeline.Name}' already ran for {run.Partition:yyyy-MM-dd} with this configuration (run {run.RunId}); {version.ModelName} v{version.Version} is its result. Nothing was redone.");

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (version.MetricsJson is { } json)
        {
            var nested = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double>>>(json, s_json) ?? [];
            foreach ((string scorer, Dictionary<string, double> values) in nested)
            {
                foreach ((string metric, double value) in values)
                {
                    metrics[scorer + "." + metric] = value;
                }
            }
        }
        double parity = double.NaN;
        if (version.ParityJson is { } parityJson)
        {
            using JsonDocument document = JsonDocument.Parse(parityJson);
            parity = document.RootElement.GetProperty("max_abs_diff").GetDouble();
        }
        return new PipelineRunResult(
            run.RunId, pipeline.Name, run.Partition, version, directory,
            [Path.Combine(directory, UserTowerFile), Path.Combine(directory, ItemTowerFile)],
            Path.Combine(directory, EmbeddingsFile),
            Evaluation: null, metrics, parity, Accounting: null,
            TimingsSeconds: new Dictionary<string, double>(StringComparer.Ordinal), AlreadyDone: true);
    }
}
