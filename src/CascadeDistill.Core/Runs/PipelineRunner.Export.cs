using System.Globalization;
using System.Text.Json;
using CascadeDistill.Datasets;
using CascadeDistill.Export;
using CascadeDistill.Features;
using CascadeDistill.IO;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Students;
using CascadeDistill.Training;

namespace CascadeDistill.Runs;

public sealed partial class PipelineRunner
{
    public const string UserTowerFile = "user_tower.onnx";
    public const string ItemTowerFile = "item_tower.onnx";
    public const string EmbeddingsFile = "item_embeddings.arrow";
    public const string ParityFile = "parity.json";
    public const string MetricsFile = "metrics.json";
    public const string PipelineFile = "pipeline.json";

    /// <summary>Parity rows: up to this many users (one per held-out request) and items (their candidates).</summary>
    private const int ParityUsers = 256;
    private const int ParityItems = 2048;

    private sealed record ExportOutcome(VersionClaim Claim, string StagingDirectory, double ParityMaxAbsDiff);

    /// <summary>
    /// Allocates a Pending version, writes both towers, the catalogue embeddings, metrics and parity
    /// figures into a staging folder, and proves the ONNX files compute what the trained model computes.
    /// </summary>
    private async Task<ExportOutcome> ExportAsync(
        PipelineDefinition pipeline, RunRecord run, string configHash, BuildDatasetResult dataset, ITrainedStudent student,
        Catalogue catalogue, EvaluationOutcome evaluation, CancellationToken cancellationToken)
    {
        string metricsJson = JsonSerializer.Serialize(evaluation.Report.Metrics, s_json);
        var versionRequest = new CreateVersionRequest(pipeline.Publish.ModelName, run.RunId, pipeline.Name, configHash, dataset.Digest, metricsJson);
        VersionClaim claim = await services.Registry.CreatePendingVersionAsync(versionRequest, cancellationToken).ConfigureAwait(false);
        if (!claim.Created && claim.Version.Status == ModelVersionStatus.Pending
            && (claim.Version.DatasetDigest != dataset.Digest || claim.Version.MetricsJson != metricsJson || claim.Version.ConfigHash != configHash))
        {
            // An earlier attempt of this run claimed the version with another dataset or other metrics; its lineage is
            // immutable, so it is failed as superseded and this attempt's files get a version that records their own.
            string reason = $"superseded: attempt {run.Attempt} of run {run.RunId} produced another dataset (digest {dataset.Digest}) or other metrics";
            observer.Warning($"{pipeline.Publish.ModelName} v{claim.Version.Version} (Pending) records an earlier attempt's dataset or metrics; marking it Failed ({reason}).");
            await services.Registry.MarkFailedAsync(pipeline.Publish.ModelName, claim.Version.Version, reason, cancellationToken).ConfigureAwait(false);
            claim = await services.Registry.CreatePendingVersionAsync(versionRequest, cancellationToken).ConfigureAwait(false);
        }
        int version = claim.Version.Version;
        string staging = services.Artifacts.CreateStagingDirectory(pipeline.Publish.ModelName);
        try
        {
            TwoTowerWeights weights = student.ExportWeights();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["cascade_distill.pipeline"] = pipeline.Name,
                ["cascade_distill.model"] = pipeline.Publish.ModelName,
                ["cascade_distill.version"] = version.ToString(CultureInfo.InvariantCulture),
                ["cascade_distill.run_id"] = run.RunId,
                ["cascade_distill.partition"] = run.Partition.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["cascade_distill.config_hash"] = configHash,
                ["cascade_distill.dataset_digest"] = dataset.Digest,
                ["cascade_distill.metrics"] = metricsJson,
            };
            OnnxExportResult files = services.Exporter.Export(new OnnxExportRequest(weights, staging, metadata));

            (FeatureBatch users, FeatureBatch items) = ParityRows(pipeline, evaluation.Requests);
            int dim = weights.EmbeddingDim;
            ParityReport userParity = services.Verifier.Verify(files.UserTowerPath, users, student.EncodeUsers(users), dim, cancellationToken);
            ParityReport itemParity = services.Verifier.Verify(files.ItemTowerPath, items, student.EncodeItems(items), dim, cancellationToken);
            double tolerance = pipeline.Publish.ParityTolerance;
            IReadOnlyList<HeadParity> headParity = VerifyHeads(files, student, users, items, cancellationToken);
            foreach (ParityReport report in headParity.SelectMany(h => new[] { h.User, h.Item }).Prepend(itemParity).Prepend(userParity))
            {
                if (!report.Passes(tolerance))
                {
                    throw new ParityCheckException(report, tolerance);
                }
            }

            services.Embeddings.Write(Path.Combine(staging, EmbeddingsFile), catalogue.ItemIds, evaluation.CatalogueVectors, dim, metadata);

            double maxAbsDiff = headParity.Select(h => Math.Max(h.User.MaxAbsDiff, h.Item.MaxAbsDiff))
                .Append(Math.Max(userParity.MaxAbsDiff, itemParity.MaxAbsDiff)).Max();
            var parity = new
            {
                tolerance,
                max_abs_diff = maxAbsDiff,
                user_tower = new { rows = userParity.Rows, checks = userParity.MaxAbsDiffByCheck },
                item_tower = new { rows = itemParity.Rows, checks = itemParity.MaxAbsDiffByCheck },
            };
            string parityJson = headParity.Count == 0
                ? JsonSerializer.Serialize(parity, s_json)
                : JsonSerializer.Serialize(new
                {
                    parity.tolerance,
                    parity.max_abs_diff,
                    parity.user_tower,
                    parity.item_tower,
                    heads = headParity.ToDictionary(
                        h => h.Objective,
                        h => new
                        {
                            user_output = h.UserOutput,
                            item_output = h.ItemOutput,
                            user_tower = new { rows = h.User.Rows, checks = h.User.MaxAbsDiffByCheck },
                            item_tower = new { rows = h.Item.Rows, checks = h.Item.MaxAbsDiffByCheck },
                        },
                        StringComparer.Ordinal),
                }, s_json);
            await AtomicFile.WriteAllTextAsync(Path.Combine(staging, ParityFile), parityJson, cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(Path.Combine(staging, MetricsFile), metricsJson, cancellationToken).ConfigureAwait(false);
            // The canonical form the config hash is computed from: hashing this file gives the version's config hash.
            await AtomicFile.WriteAllTextAsync(Path.Combine(staging, PipelineFile), PipelineConfigHash.CanonicalJson(pipeline), cancellationToken).ConfigureAwait(false);

            IReadOnlyList<ModelFile> described = await ArtifactFiles.DescribeAsync(staging, cancellationToken).ConfigureAwait(false);
            await services.Registry.RecordArtifactsAsync(pipeline.Publish.ModelName, version, described, parityJson, cancellationToken).ConfigureAwait(false);
            return new ExportOutcome(claim, staging, maxAbsDiff);
        }
        catch (Exception ex)
        {
            await FailVersionAsync(pipeline.Publish.ModelName, version, staging, ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Moves the staged files into the version folder and marks the version Ready (after the registry verifies every file).</summary>
    private async Task<ModelVersion> PublishAsync(PipelineDefinition pipeline, ExportOutcome export, CancellationToken cancellationToken)
    {
        string model = pipeline.Publish.ModelName;
        int version = export.Claim.Version.Version;
        try
        {
            string target = services.Artifacts.GetVersionDirectory(model, version);
            if (Directory.Exists(target))
            {
                // Left by an attempt of this run that crashed between the move and MarkReady; the
                // version is still Pending, so nothing ever pointed consumers at these files.
                observer.Warning($"Replacing {target}, left by an interrupted attempt of this Pending version.");
                Directory.Delete(target, recursive: true);
            }
            services.Artifacts.PromoteStaging(export.StagingDirectory, model, version);
            return await services.Registry.MarkReadyAsync(model, version, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await FailVersionAsync(model, version, export.StagingDirectory, ex).ConfigureAwait(false);
            throw;
        }
    }

    private async Task FailVersionAsync(string model, int version, string staging, Exception cause)
    {
        await CleanUpAsync($"mark {model} v{version} failed", async () =>
        {
            ModelVersion? current = await services.Registry.GetVersionAsync(model, version, CancellationToken.None).ConfigureAwait(false);
            if (current?.Status == ModelVersionStatus.Pending)
            {
                await services.Registry.MarkFailedAsync(model, version, $"{cause.GetType().Name}: {cause.Message}", CancellationToken.None).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        await CleanUpAsync($"remove {staging}", () =>
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            return Task.CompletedTask;
        }).ConfigureAwait(false);
    }

    /// <summary>Held-out users (one row per request) and their candidates' item rows, for the parity check.</summary>
    private static (FeatureBatch Users, FeatureBatch Items) ParityRows(PipelineDefinition pipeline, IReadOnlyList<RequestBlock> requests)
    {
        var users = new FeatureBatchBuilder(pipeline.UserFeatures);
        var items = new FeatureBatchBuilder(pipeline.ItemFeatures);
        foreach (RequestBlock block in requests)
        {
            if (users.RowCount < ParityUsers)
            {
                users.Append(block.Features, [0]);
            }
            int take = Math.Min(block.Count, ParityItems - items.RowCount);
            if (take > 0)
            {
                items.Append(block.Features, Enumerable.Range(0, take).ToArray());
            }
            if (users.RowCount >= ParityUsers && items.RowCount >= ParityItems)
            {
                break;
            }
        }
        return (users.Build(), items.Build());
    }
}
