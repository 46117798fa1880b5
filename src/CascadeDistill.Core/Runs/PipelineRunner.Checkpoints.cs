using System.Text.Json;
using CascadeDistill.Datasets;
using CascadeDistill.IO;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Training;

namespace CascadeDistill.Runs;

/// <summary>
/// Stage checkpoints: BuildDataset, TrainStudent, EvaluateStudent and ExportOnnx each record the files they
/// wrote (size and SHA-256) and what later stages need (<see cref="IRunCheckpointStore"/>). A resumed attempt
/// of the run reuses a stage when its checkpoint's files all verify and every earlier checkpointed stage was
/// reused too; otherwise it redoes the stage, saying why, and every stage after it.
/// </summary>
public sealed partial class PipelineRunner
{
    private Dictionary<RunStage, RunCheckpoint> _checkpoints = [];
    private bool _reuseCheckpoints;

    private sealed record StudentCheckpoint(IReadOnlyList<EpochRecord> Curve, long ParameterCount);

    private sealed record ExportCheckpoint(int Version, string StagingDirectory, double ParityMaxAbsDiff);

    /// <summary>The stages this attempt reused from an earlier attempt's checkpoints (for tests and summaries).</summary>
    public IReadOnlyCollection<RunStage> ReusedStages => _reused;

    private readonly List<RunStage> _reused = [];

    private async Task LoadCheckpointsAsync(RunRecord run, CancellationToken cancellationToken)
    {
        _reuseCheckpoints = services.Checkpoints is not null && run.Attempt > 1;
        if (_reuseCheckpoints)
        {
            IReadOnlyList<RunCheckpoint> saved = await services.Checkpoints!.ListCheckpointsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            _checkpoints = saved.ToDictionary(c => c.Stage);
        }
    }

    /// <summary>
    /// Reuses <paramref name="stage"/>'s checkpoint (its files verified, then <paramref name="restore"/>) or runs
    /// <paramref name="work"/> and saves a checkpoint of the files <paramref name="checkpoint"/> names with its payload.
    /// </summary>
    private async Task<T> ReuseOrRunAsync<T>(
        RunRecord run,
        RunStage stage,
        Func<RunCheckpoint, CancellationToken, Task<T>> restore,
        Func<Task<T>> work,
        Func<T, (IReadOnlyList<string> Paths, object Payload)> checkpoint,
        CancellationToken cancellationToken)
    {
        if (_reuseCheckpoints)
        {
            if (_checkpoints.TryGetValue(stage, out RunCheckpoint? saved))
            {
                string reason;
                IReadOnlyList<ArtifactFileProblem> problems = await ArtifactVerifier.VerifyAsync(services.Layout.Root, saved.Files, cancellationToken).ConfigureAwait(false);
                if (problems.Count == 0)
                {
                    try
                    {
                        T restored = await restore(saved, cancellationToken).ConfigureAwait(false);
                        _reused.Add(stage);
                        observer.Warning($"{stage}: reusing the checkpoint of attempt {saved.Attempt} ({saved.Files.Count} file(s), size and SHA-256 verified); not redone.");
                        return restored;
                    }
                    catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException or CheckpointMismatchException)
                    {
                        reason = $"{ex.GetType().Name}: {ex.Message}";
                    }
                }
                else
                {
                    reason = string.Join("; ", problems);
                }
                observer.Warning($"{stage}: the checkpoint of attempt {saved.Attempt} is not reused ({reason}); redoing the stage and every stage after it.");
                await services.Checkpoints!.DeleteCheckpointAsync(run.RunId, stage, cancellationToken).ConfigureAwait(false);
            }
            else if (run.HasSucceeded(stage))
            {
                observer.Warning($"{stage}: succeeded in an earlier attempt but left no checkpoint; redoing the stage and every stage after it.");
            }
            _reuseCheckpoints = false;
        }

        T result = await work().ConfigureAwait(false);
        if (services.Checkpoints is { } store)
        {
            try
            {
                (IReadOnlyList<string> paths, object payload) = checkpoint(result);
                var files = new List<ModelFile>(paths.Count);
                foreach (string path in paths)
                {
                    FileDigest digest = await FileDigest.ComputeAsync(path, cancellationToken).ConfigureAwait(false);
                    files.Add(ModelFile.From(Path.GetRelativePath(services.Layout.Root, path).Replace(Path.DirectorySeparatorChar, '/'), digest));
                }
                await store.SaveCheckpointAsync(
                    run.RunId,
                    new RunCheckpoint(stage, run.Attempt, files, JsonSerializer.Serialize(payload, s_json), services.Time.GetUtcNow()),
                    cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                (result as IDisposable)?.Dispose();
                throw;
            }
        }
        return result;
    }

    private static T ReadPayload<T>(RunCheckpoint checkpoint) =>
        JsonSerializer.Deserialize<T>(checkpoint.PayloadJson, s_json)
        ?? throw new InvalidDataException($"The {checkpoint.Stage} checkpoint payload is empty.");

    private static string ResolveCheckpointFile(RunCheckpoint checkpoint, string root, string fileName) =>
        checkpoint.Files.Where(f => f.RelativePath == fileName || f.RelativePath.EndsWith("/" + fileName, StringComparison.Ordinal))
            .Select(f => Path.Combine(root, f.RelativePath.Replace('/', Path.DirectorySeparatorChar)))
            .FirstOrDefault()
        ?? throw new CheckpointMismatchException($"the {checkpoint.Stage} checkpoint does not list {fileName}.");

    private async Task<BuildDatasetResult> RestoreDatasetAsync(PipelineDefinition pipeline, IReadOnlyList<Logs.LogFileInfo> logFiles, RunCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        string manifestPath = ResolveCheckpointFile(checkpoint, services.Layout.Root, DatasetManifest.FileName);
        string dataPath = ResolveCheckpointFile(checkpoint, services.Layout.Root, DatasetBuilder.DataFileName);
        DatasetManifest manifest;
        await using (FileStream stream = File.OpenRead(manifestPath))
        {
            manifest = await JsonSerializer.DeserializeAsync<DatasetManifest>(stream, s_json, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{manifestPath} is empty.");
        }
        FileDigest data = await FileDigest.ComputeAsync(dataPath, cancellationToken).ConfigureAwait(false);
        if (!data.Matches(manifest.Outputs[0].Bytes, manifest.Outputs[0].Sha256))
        {
            throw new CheckpointMismatchException($"{dataPath} does not match its manifest's digest {manifest.Outputs[0].Sha256}.");
        }
        // The inputs must still be the files the dataset was built from (same paths and sizes; the SHA-256 was checked then).
        var now = logFiles.Where(f => f.Day >= manifest.FirstDay && f.Day <= manifest.LastDay).Select(f => (f.Path, f.Bytes)).OrderBy(f => f.Path, StringComparer.Ordinal);
        var then = manifest.Inputs.Select(i => (i.Path, i.Bytes)).OrderBy(f => f.Path, StringComparer.Ordinal);
        if (!now.SequenceEqual(then))
        {
            throw new CheckpointMismatchException("the log files of the window changed since the dataset was built.");
        }
        var listed = ReadPayload<Dictionary<long, long>>(checkpoint);
        return new BuildDatasetResult(manifest with { Recipe = pipeline.Dataset }, dataPath, manifestPath, manifest.NumericStatistics, listed);
    }

    private ITrainedStudent RestoreStudent(PipelineDefinition pipeline, RunCheckpoint checkpoint)
    {
        StudentCheckpoint saved = ReadPayload<StudentCheckpoint>(checkpoint);
        string path = ResolveCheckpointFile(checkpoint, services.Layout.Root, StudentWeightsFile.FileName);
        return new CheckpointedStudent(StudentWeightsFile.Read(path, pipeline.UserFeatures, pipeline.ItemFeatures), saved.Curve, saved.ParameterCount);
    }

    private async Task<ExportOutcome> RestoreExportAsync(PipelineDefinition pipeline, RunRecord run, string configHash, BuildDatasetResult dataset, string metricsJson, RunCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ExportCheckpoint saved = ReadPayload<ExportCheckpoint>(checkpoint);
        ModelVersion? version = await services.Registry.GetVersionAsync(pipeline.Publish.ModelName, saved.Version, cancellationToken).ConfigureAwait(false);
        if (version is not { Status: ModelVersionStatus.Pending } || version.RunId != run.RunId
            || version.DatasetDigest != dataset.Digest || version.ConfigHash != configHash || version.MetricsJson != metricsJson)
        {
            throw new CheckpointMismatchException($"{pipeline.Publish.ModelName} v{saved.Version} is no longer this run's Pending version with this dataset and these metrics.");
        }
        string staging = services.Artifacts.Resolve(saved.StagingDirectory);
        IReadOnlyList<ArtifactFileProblem> problems = await ArtifactVerifier.VerifyAsync(staging, version.Files, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0 || version.Files.Count == 0)
        {
            throw new CheckpointMismatchException("the staged files differ from the version's recorded files: " + string.Join("; ", problems));
        }
        return new ExportOutcome(new VersionClaim(version, Created: false), staging, saved.ParityMaxAbsDiff);
    }

    private static (IReadOnlyList<string>, object) DatasetCheckpointOf(BuildDatasetResult dataset) =>
        ([dataset.DatasetPath, dataset.ManifestPath], dataset.ListedCounts);

    private (IReadOnlyList<string>, object) StudentCheckpointOf(PipelineDefinition pipeline, RunRecord run, ITrainedStudent student)
    {
        string path = Path.Combine(services.Layout.CheckpointDirectory(pipeline.Name, run.RunId), StudentWeightsFile.FileName);
        StudentWeightsFile.Write(path, student.ExportWeights());
        return ([path], new StudentCheckpoint(student.Curve, student.ParameterCount));
    }

    private (IReadOnlyList<string>, object) ExportCheckpointOf(ExportOutcome export) =>
        (Directory.EnumerateFiles(export.StagingDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray(),
         new ExportCheckpoint(export.Claim.Version.Version, Path.GetRelativePath(services.Artifacts.Root, export.StagingDirectory).Replace(Path.DirectorySeparatorChar, '/'), export.ParityMaxAbsDiff));

    /// <summary>A checkpoint whose files verify but which no longer fits the run (inputs changed, version moved on).</summary>
    private sealed class CheckpointMismatchException(string message) : Exception(message);
}
