using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CascadeDistill.Datasets;
using CascadeDistill.Evaluation;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Training;

namespace CascadeDistill.Runs;

/// <summary>
/// Runs one pipeline for one partition through its stages: ReadLogs → BuildDataset → TrainStudent
/// → EvaluateStudent → ExportOnnx → PublishModel. The run is claimed in the run store under
/// (pipeline, partition, config hash) under an owner lease (<paramref name="lease"/>, default: this
/// process, <see cref="RunLease.DefaultDuration"/>), renewed before every stage and in the background
/// every third of its duration (<see cref="RunLeaseKeeper"/>): a claim of an
/// already-succeeded run returns its result; a run another owner is executing (live lease) is left alone.
/// </summary>
public sealed partial class PipelineRunner(PipelineRunnerServices services, IRunObserver observer, RunLease? lease = null)
{
    /// <summary>The failure reason of a run stopped by cancellation (shutdown, job deleted); such a run is resumed at the next start.</summary>
    public const string CancelledReason = "cancelled";

    /// <summary>
    /// Stop once this stage is done (only <see cref="RunStage.BuildDataset"/> is supported): the run stays Running with its
    /// lease released and <see cref="TryRunAsync"/> returns <see cref="PipelineRunOutcome.Stopped"/>; the next claim resumes it
    /// from the stage checkpoint. Null (default): run to the end.
    /// </summary>
    public RunStage? StopAfter { get; init; }

    private readonly Dictionary<string, double> _timings = new(StringComparer.Ordinal);
    private readonly RunLease _lease = lease ?? RunLease.ForThisProcess(RunLease.DefaultDuration);

    /// <summary>Runs the pipeline; throws <see cref="RunAlreadyRunningException"/> when another worker holds the run.</summary>
    public async Task<PipelineRunResult> RunAsync(PipelineDefinition pipeline, DateOnly? partition, CancellationToken cancellationToken)
    {
        PipelineRunOutcome outcome = await TryRunAsync(pipeline, partition, cancellationToken).ConfigureAwait(false);
        return outcome.Result
            ?? (outcome.AlreadyRunning is { } other
                ? throw new RunAlreadyRunningException(other)
                : throw new InvalidOperationException($"Run {outcome.StoppedRunId} stopped after {outcome.StoppedAfter} as asked; it has no result yet."));
    }

    /// <summary>
    /// Runs the pipeline, or returns <see cref="PipelineRunOutcome.AlreadyRunning"/> without touching the
    /// run when another worker holds a live lease on it (a duplicate trigger: not an error, nothing to retry).
    /// </summary>
    public async Task<PipelineRunOutcome> TryRunAsync(PipelineDefinition pipeline, DateOnly? partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (StopAfter is { } stop && stop != RunStage.BuildDataset)
        {
            throw new ArgumentOutOfRangeException(nameof(StopAfter), stop, "A run can only be stopped after BuildDataset.");
        }
        IReadOnlyList<DateOnly> available = services.Logs.ListDays();
        if (available.Count == 0)
        {
            throw new InvalidDataException($"No log partitions under {services.Layout.Logs}. Run 'cascade-distill simulate' or import logs first.");
        }
        DateOnly day = partition ?? available[^1];
        RunWindow window = RunWindow.Resolve(day, pipeline.Logs.WindowDays, pipeline.Logs.HoldoutDays, available.ToHashSet());
        string configHash = PipelineConfigHash.Compute(pipeline);

        string? supersedes = await ResolveSupersedesAsync(pipeline.Name, day, configHash, cancellationToken).ConfigureAwait(false);
        LeasedRunClaim claim = await services.Runs.ClaimRunAsync(
            new StartRunRequest(pipeline.Name, day, window.First, window.Last, configHash, SupersedesRunId: supersedes), _lease, cancellationToken).ConfigureAwait(false);
        RunRecord run = claim.Run;
        switch (claim.Outcome)
        {
            case RunClaimOutcome.AlreadySucceeded:
                return PipelineRunOutcome.Finished(await AlreadyDoneAsync(pipeline, run, cancellationToken).ConfigureAwait(false));
            case RunClaimOutcome.AlreadyRunning:
                var skipped = new RunAlreadyRunning(run.RunId, pipeline.Name, run.Partition, claim.LeaseOwner!, claim.LeaseExpiresAt!.Value);
                observer.Warning(skipped.Message);
                return PipelineRunOutcome.Skipped(skipped);
            case RunClaimOutcome.Resumed:
                if (await FindReadyVersionAsync(pipeline, run, cancellationToken).ConfigureAwait(false) is not null)
                {
                    // The version was published but the run's own bookkeeping did not finish (a crash or a
                    // cancellation right after MarkReady): finish the bookkeeping, never publish again.
                    await CompleteRemainingStagesAsync(run, cancellationToken).ConfigureAwait(false);
                    await services.Runs.CompleteRunAsync(run.RunId, CancellationToken.None).ConfigureAwait(false);
                    return PipelineRunOutcome.Finished(await AlreadyDoneAsync(pipeline, run, cancellationToken).ConfigureAwait(false));
                }
                observer.Warning($"Resuming run {run.RunId} (attempt {run.Attempt}); stages with a verified checkpoint are reused, the others redone.");
                break;
            case RunClaimOutcome.Created:
                if (run.SupersedesRunId is { } superseded)
                {
                    observer.Warning($"Forced rerun: run {run.RunId} (generation {run.Generation}) supersedes run {superseded}; it publishes a new version and leaves the older one intact.");
                }
                break;
        }

        await using var keeper = new RunLeaseKeeper(services.Runs, run.RunId, _lease, services.Time, observer.Warning, cancellationToken);
        try
        {
            PipelineRunResult? result = await ExecuteAsync(pipeline, run, window, configHash, keeper.Token).ConfigureAwait(false);
            if (result is null)
            {
                await services.Runs.ReleaseLeaseAsync(run.RunId, _lease.Owner, CancellationToken.None).ConfigureAwait(false);
                return PipelineRunOutcome.Stopped(run.RunId, StopAfter!.Value);
            }
            await services.Runs.CompleteRunAsync(run.RunId, CancellationToken.None).ConfigureAwait(false);
            return PipelineRunOutcome.Finished(result);
        }
        catch (Exception ex) when (ex is RunLeaseLostException || keeper.Lost is not null)
        {
            // Another owner took the run over (our lease expired): the run is theirs now; leave it alone.
            keeper.ThrowIfLost();
            throw;
        }
        catch (Exception ex)
        {
            string reason = ex is OperationCanceledException ? CancelledReason : $"{ex.GetType().Name}: {ex.Message}";
            await CleanUpAsync($"mark run {run.RunId} failed", () => services.Runs.FailRunAsync(run.RunId, reason, CancellationToken.None)).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs a clean-up step of a failure path; its own failure is reported as a warning so that the
    /// original error is the one that propagates.
    /// </summary>
    private async Task CleanUpAsync(string what, Func<Task> cleanUp)
    {
        try
        {
            await cleanUp().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            observer.Warning($"Could not {what}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task CompleteRemainingStagesAsync(RunRecord run, CancellationToken cancellationToken)
    {
        foreach (RunStage stage in Enum.GetValues<RunStage>().Where(s => !run.HasSucceeded(s)))
        {
            if (run.FindStage(stage)?.Status != StageStatus.Running)
            {
                await services.Runs.BeginStageAsync(run.RunId, stage, cancellationToken).ConfigureAwait(false);
            }
            await services.Runs.CompleteStageAsync(run.RunId, stage, """{"recovered":"version already ready"}""", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<PipelineRunResult?> ExecuteAsync(PipelineDefinition pipeline, RunRecord run, RunWindow window, string configHash, CancellationToken cancellationToken)
    {
        string datasetDirectory = services.Layout.DatasetDirectory(pipeline.Name, run.RunId);
        await LoadCheckpointsAsync(run, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LogFileInfo> logFiles = await StageAsync(run, RunStage.ReadLogs, () => ReadAndScreenLogs(pipeline, window, cancellationToken), files => $"{files.Count} file(s), {files.Sum(f => f.Bytes) / 1e6:F1} MB", _ => QualityJson(), cancellationToken).ConfigureAwait(false);

        Catalogue catalogue = services.Catalogue.Read(pipeline.ItemFeatures, cancellationToken);
        BuildDatasetResult dataset = await StageAsync(
            run,
            RunStage.BuildDataset,
            () => ReuseOrRunAsync(
                run,
                RunStage.BuildDataset,
                (checkpoint, token) => RestoreDatasetAsync(pipeline, logFiles, checkpoint, token),
                () => Task.FromResult(new DatasetBuilder(RunLogs, services.Datasets, services.Time).Build(
                    pipeline, run.RunId, configHash, window.TrainDays, catalogue, datasetDirectory,
                    (fraction, message) => Progress(run, RunStage.BuildDataset, fraction, message), cancellationToken)),
                DatasetCheckpointOf,
                cancellationToken),
            d => $"{d.Manifest.Accounting.RowsRead:N0} rows read, {d.Manifest.Accounting.RowsSkipped.Values.Sum():N0} skipped, {d.Examples:N0} examples ({d.Manifest.SampledNegatives:N0} sampled catalogue negatives)",
            cancellationToken).ConfigureAwait(false);
        await services.Runs.SaveRowAccountingAsync(run.RunId, JsonSerializer.Serialize(dataset.Manifest.Accounting, s_json), cancellationToken).ConfigureAwait(false);
        if (StopAfter == RunStage.BuildDataset)
        {
            observer.Warning($"Run {run.RunId}: stopping after {RunStage.BuildDataset} as asked; the next attempt resumes from its checkpoint.");
            return null;
        }
        using ITrainedStudent student = await StageAsync(
            run,
            RunStage.TrainStudent,
            () => ReuseOrRunAsync(
                run,
                RunStage.TrainStudent,
                (checkpoint, _) => Task.FromResult(RestoreStudent(pipeline, checkpoint)),
                () => Task.FromResult(Train(pipeline, run, dataset, cancellationToken)),
                s => StudentCheckpointOf(pipeline, run, s),
                cancellationToken),
            s => $"{s.ParameterCount:N0} parameters, loss {s.Curve[0].MeanLoss:F4} → {s.Curve[^1].MeanLoss:F4}",
            s => TrainingCurveJson.Serialize(s.Curve),
            cancellationToken).ConfigureAwait(false);

        EvaluationOutcome evaluation = await StageAsync(
            run,
            RunStage.EvaluateStudent,
            () => ReuseOrRunAsync(
                run,
                RunStage.EvaluateStudent,
                (checkpoint, token) => Task.FromResult(RestoreEvaluation(pipeline, window, catalogue, student, checkpoint, token)),
                () => Task.FromResult(Evaluate(pipeline, window, catalogue, dataset, student, cancellationToken)),
                e => ([], e.Report),
                cancellationToken),
            e => $"{e.Report.Requests:N0} held-out requests",
            cancellationToken).ConfigureAwait(false);
        string metricsJson = JsonSerializer.Serialize(evaluation.Report.Metrics, s_json);
        await services.Runs.SaveMetricsAsync(run.RunId, metricsJson, cancellationToken).ConfigureAwait(false);

        ExportOutcome export = await StageAsync(
            run,
            RunStage.ExportOnnx,
            () => ReuseOrRunAsync(
                run,
                RunStage.ExportOnnx,
                (checkpoint, token) => RestoreExportAsync(pipeline, run, configHash, dataset, metricsJson, checkpoint, token),
                () => ExportAsync(pipeline, run, configHash, dataset, student, catalogue, evaluation, cancellationToken),
                ExportCheckpointOf,
                cancellationToken),
            e => $"v{e.Claim.Version.Version}: parity max |Δ| {e.ParityMaxAbsDiff:E2}",
            cancellationToken).ConfigureAwait(false);

        ModelVersion version = await StageAsync(
            run,
            RunStage.PublishModel,
            () => PublishAsync(pipeline, export, cancellationToken),
            v => $"{v.ModelName} v{v.Version} ready ({v.Files.Count} files)",
            cancellationToken).ConfigureAwait(false);

        string versionDirectory = services.Artifacts.Resolve(version);
        return new PipelineRunResult(
            run.RunId,
            pipeline.Name,
            window.Partition,
            version,
            versionDirectory,
            [Path.Combine(versionDirectory, UserTowerFile), Path.Combine(versionDirectory, ItemTowerFile)],
            Path.Combine(versionDirectory, EmbeddingsFile),
            evaluation.Report,
            FlattenMetrics(evaluation.Report),
            export.ParityMaxAbsDiff,
            dataset.Manifest.Accounting,
            new Dictionary<string, double>(_timings, StringComparer.Ordinal),
            AlreadyDone: false,
            ParameterCount: student.ParameterCount);
    }

    private IReadOnlyList<LogFileInfo> ReadLogs(RunWindow window)
    {
        LogFileInfo[] files = window.TrainDays.Concat(window.HoldoutDays).SelectMany(services.Logs.ListFiles).ToArray();
        DateOnly[] empty = window.TrainDays.Concat(window.HoldoutDays).Where(d => !files.Any(f => f.Day == d)).ToArray();
        if (empty.Length > 0)
        {
            throw new InvalidDataException("Log partitions without files: " + string.Join(", ", empty.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }
        return files;
    }

    private ITrainedStudent Train(PipelineDefinition pipeline, RunRecord run, BuildDatasetResult dataset, CancellationToken cancellationToken)
    {
        var request = new TrainStudentRequest(
            pipeline.Student,
            pipeline.Training,
            pipeline.Features,
            dataset.NumericStatistics,
            dataset.Examples,
            (_, token) => services.Datasets.Read(dataset.DatasetPath, pipeline.Features, DatasetBuilder.ChunkRows, token, DatasetBuilder.HeadObjectives(pipeline)),
            RankingTrainingOptions.ObjectiveOf(pipeline),
            pipeline.Dataset.Listwise?.Temperature ?? 1.0,
            RankingTrainingOptions.From(pipeline),
            pipeline.Dataset.InBatch,
            HeadTrainingOptions.From(pipeline));
        var progress = new InlineProgress<TrainingProgress>(p => TrainingProgressed(run, p));
        return services.Trainer.Train(request, progress, cancellationToken);
    }

    private async Task<T> StageAsync<T>(RunRecord run, RunStage stage, Func<T> work, Func<T, string> summary, CancellationToken cancellationToken) =>
        await StageAsync(run, stage, () => Task.FromResult(work()), summary, output: null, cancellationToken).ConfigureAwait(false);

    private async Task<T> StageAsync<T>(RunRecord run, RunStage stage, Func<T> work, Func<T, string> summary, Func<T, string?>? output, CancellationToken cancellationToken) =>
        await StageAsync(run, stage, () => Task.FromResult(work()), summary, output, cancellationToken).ConfigureAwait(false);

    private async Task<T> StageAsync<T>(RunRecord run, RunStage stage, Func<Task<T>> work, Func<T, string> summary, CancellationToken cancellationToken) =>
        await StageAsync(run, stage, work, summary, output: null, cancellationToken).ConfigureAwait(false);

    /// <param name="output">The stage's output JSON stored with its record (e.g. the training curve), or null.</param>
    private async Task<T> StageAsync<T>(RunRecord run, RunStage stage, Func<Task<T>> work, Func<T, string> summary, Func<T, string?>? output, CancellationToken cancellationToken)
    {
        bool record = !run.HasSucceeded(stage);
        await services.Runs.RenewLeaseAsync(run.RunId, _lease, cancellationToken).ConfigureAwait(false);
        if (record)
        {
            await services.Runs.BeginStageAsync(run.RunId, stage, cancellationToken).ConfigureAwait(false);
        }
        observer.StageStarted(stage);
        StageStartedProgress(run, stage);
        var clock = Stopwatch.StartNew();
        T result = await work().ConfigureAwait(false);
        clock.Stop();
        _timings[stage.ToString()] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        try
        {
            if (record)
            {
                await services.Runs.CompleteStageAsync(run.RunId, stage, output?.Invoke(result), cancellationToken).ConfigureAwait(false);
            }
            observer.StageCompleted(stage, clock.Elapsed, summary(result));
        }
        catch
        {
            // The caller never receives the result: release what it holds (e.g. a trained model's native memory).
            (result as IDisposable)?.Dispose();
            throw;
        }
        return result;
    }

    private static Dictionary<string, double> FlattenMetrics(EvaluationReport report)
    {
        var flat = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach ((string scorer, IReadOnlyDictionary<string, double> values) in report.Metrics)
        {
            foreach ((string metric, double value) in values)
            {
                flat[scorer + "." + metric] = value;
            }
        }
        return new Dictionary<string, double>(flat, StringComparer.Ordinal);
    }

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
