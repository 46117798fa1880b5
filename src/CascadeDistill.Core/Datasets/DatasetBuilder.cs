using CascadeDistill.Features;
using CascadeDistill.IO;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;

namespace CascadeDistill.Datasets;

/// <summary>
/// The BuildDataset stage: streams the training days' log files through the pipeline's recipe
/// into one dataset file, in chunks, so memory does not grow with the number of log rows.
/// Computes numeric-feature statistics on the logged rows (never on sampled negatives) and the manifest.
/// </summary>
public sealed class DatasetBuilder(ILogStore logs, IDatasetStore datasets, TimeProvider time)
{
    public const int ChunkRows = 65_536;
    public const string DataFileName = "train.arrow";

    public BuildDatasetResult Build(
        PipelineDefinition pipeline,
        string runId,
        string configHash,
        IReadOnlyList<DateOnly> days,
        Catalogue catalogue,
        string directory,
        Action<double, string>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            throw new ArgumentException("A dataset needs at least one day of logs.", nameof(days));
        }
        ArgumentNullException.ThrowIfNull(catalogue);
        string? groundTruthLabel = pipeline.Training.GroundTruth?.Label;
        PairwiseRecipe? pairRecipe = pipeline.Dataset.Recipe == PairwiseRecipe.Name
            ? new PairwiseRecipe(pipeline.Dataset, pipeline.Training.Seed, groundTruthLabel)
            : null;
        bool listwise = pipeline.Dataset.Recipe == ListwiseRecipe.Name || pairRecipe is not null;
        bool inBatch = pipeline.Dataset.Recipe == InBatchRecipe.Name;
        ListwiseRecipe? listRecipe = listwise && pairRecipe is null ? new ListwiseRecipe(pipeline.Dataset, groundTruthLabel) : null;
        InBatchRecipe? inBatchRecipe = inBatch ? new InBatchRecipe(pipeline.Dataset, groundTruthLabel) : null;
        PointwiseRecipe? pointRecipe = listwise || inBatch ? null : new PointwiseRecipe(pipeline.Dataset);
        CatalogueNegativeSampler? sampler = !listwise && pipeline.Dataset.CatalogueNegatives > 0
            ? new CatalogueNegativeSampler(catalogue, pipeline.Dataset.CatalogueNegatives, pipeline.Training.Seed)
            : null;
        var request = new LogReadRequest(pipeline.Logs.Objectives, pipeline.Features,
            ReadLabels: groundTruthLabel is not null || pipeline.Dataset.Labels == PipelineDefinitionValidator.GroundTruthLabels);
        LogFileInfo[] files = days.SelectMany(logs.ListFiles).ToArray();
        FeatureDefinition[] numerics = pipeline.Features.Where(f => f.Kind == FeatureKind.Numeric).ToArray();
        Dictionary<string, RunningStatistics> statistics = numerics.ToDictionary(f => f.Name, _ => new RunningStatistics(), StringComparer.Ordinal);
        var listed = new Dictionary<long, long>();
        var total = new RowAccounting();
        var inputs = new List<DatasetInput>(files.Length);

        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, DataFileName);
        string[]? objectives = HeadObjectives(pipeline);
        var builder = new DatasetChunkBuilder(pipeline.Features, objectives);
        DatasetFileInfo output;
        using (IDatasetWriter writer = datasets.CreateWriter(path, pipeline.Features, objectives))
        {
            for (int f = 0; f < files.Length; f++)
            {
                LogFileInfo file = files[f];
                FileDigest digest = FileDigest.Compute(file.Path);
                if (inputs.FirstOrDefault(i => i.Sha256 == digest.Sha256) is { } twin)
                {
                    throw new InvalidDataException(
                        $"[duplicate_file] {file.Path} has the same content (SHA-256 {digest.Sha256}) as {twin.Path}: the same log delivered twice would be trained on twice. Remove one of them.");
                }
                var accounting = new RowAccounting();
                foreach (RequestBlock logged in logs.ReadRequests(file, request, cancellationToken))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (RankedListSource.Select(logged, pipeline.Dataset.RankedList) is not RequestBlock block)
                    {
                        accounting.RequestSkipped(logged.Count, SkipReasons.NoRerankPositions);
                        continue;
                    }
                    long usedBefore = accounting.RowsUsed;
                    if (pairRecipe is not null)
                    {
                        pairRecipe.Apply(block, builder, accounting);
                    }
                    else if (listRecipe is not null)
                    {
                        listRecipe.Apply(block, builder, accounting);
                    }
                    else if (inBatchRecipe is not null)
                    {
                        inBatchRecipe.Apply(block, builder, accounting, sampler);
                    }
                    else
                    {
                        pointRecipe!.Apply(block, builder, accounting, sampler);
                    }
                    if (accounting.RowsUsed > usedBefore)
                    {
                        Observe(block, numerics, statistics, listed);
                    }
                    if (builder.Count >= ChunkRows)
                    {
                        writer.Write(builder.Build());
                    }
                }
                RowAccountingSnapshot fileCounts = accounting.Snapshot();
                total.Add(fileCounts);
                inputs.Add(new DatasetInput(file.Path, file.Day, digest.Bytes, digest.Sha256, fileCounts));
                progress?.Invoke((f + 1.0) / files.Length, $"{file.Day:yyyy-MM-dd} {Path.GetFileName(file.Path)}: {total.RowsUsed:N0} examples");
            }
            if (builder.Count > 0)
            {
                writer.Write(builder.Build());
            }
            output = writer.Complete();
        }
        if (!total.IsBalanced)
        {
            throw new InvalidOperationException("Row accounting does not balance (read != used + skipped); this is a bug.");
        }
        if (total.RowsUsed == 0)
        {
            throw new InvalidDataException($"No training examples: {total.RowsRead:N0} rows read from {files.Length} file(s), none usable ({string.Join(", ", total.SkippedRows.Select(p => $"{p.Key}={p.Value}"))}).");
        }

        var numericStatistics = statistics.ToDictionary(
            p => p.Key,
            p => new NumericStatistics((float)p.Value.Mean, Math.Max((float)p.Value.StandardDeviation, NumericStatistics.MinStd)),
            StringComparer.Ordinal);
        var manifest = new DatasetManifest(
            ManifestVersion: 1,
            Pipeline: pipeline.Name,
            RunId: runId,
            ConfigHash: configHash,
            FirstDay: days[0],
            LastDay: days[^1],
            Recipe: pipeline.Dataset,
            Inputs: inputs,
            Outputs: [output],
            Accounting: total.Snapshot(),
            SampledNegatives: sampler?.Added ?? 0,
            NumericStatistics: numericStatistics,
            CreatedAt: time.GetUtcNow(),
            Pairs: pairRecipe?.Pairs);
        string manifestPath = Path.Combine(directory, DatasetManifest.FileName);
        AtomicFile.WriteJsonAsync(manifestPath, manifest, AtomicFileJson.Indented, cancellationToken).GetAwaiter().GetResult();
        return new BuildDatasetResult(manifest, path, manifestPath, numericStatistics, listed);
    }

    /// <summary>The objectives whose own teacher logits the dataset keeps: those of a per-objective-heads student, else null.</summary>
    public static string[]? HeadObjectives(PipelineDefinition pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        IReadOnlyList<KeyValuePair<string, double>> heads = StudentHeads.Of(pipeline);
        return heads.Count == 0 ? null : [.. heads.Select(h => h.Key)];
    }

    private static void Observe(RequestBlock block, FeatureDefinition[] numerics, Dictionary<string, RunningStatistics> statistics, Dictionary<long, long> listed)
    {
        foreach (FeatureDefinition feature in numerics)
        {
            RunningStatistics stats = statistics[feature.Name];
            foreach (float value in ((NumericColumn)block.Features[feature.Name]).Values)
            {
                stats.Add(value);
            }
        }
        for (int i = 0; i < block.Count; i++)
        {
            if (block.Positions[i] != LogContract.PositionCut)
            {
                listed[block.ItemIds[i]] = listed.GetValueOrDefault(block.ItemIds[i]) + 1;
            }
        }
    }
}
