using System.Data.Common;
using System.Globalization;
using CascadeDistill.Hangfire.Logging;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using global::Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Hangfire.Jobs;

/// <summary>
/// The Hangfire entry point of one distillation run: identifiers only (pipeline name, partition as
/// "yyyy-MM-dd" or null), all state in the product's run table. Safe to run more than once (Hangfire is
/// at-least-once): a succeeded run returns its version, a run another worker holds is skipped cleanly.
/// </summary>
/// <remarks>
/// Retries: only transient failures (<see cref="IOException"/>, database errors, timeouts) are retried,
/// 3 times after 1, 5 and 15 minutes; everything else — definition, log-contract, data, parity and
/// divergence errors, and bugs — fails once with its reason. Cancellation (server shutdown, job deleted)
/// propagates, so the job is never recorded as Succeeded when it did not finish.
/// </remarks>
/// <param name="queues">Whether a run is split into a dataset job and a training job (<see cref="DistillationQueueOptions.SplitStages"/>); null: not split.</param>
/// <param name="jobs">Enqueues the training half when stages are split.</param>
public sealed class DistillationJob(
    IDistillationRunLauncher launcher, ILogger<DistillationJob> logger, IOptions<DistillationQueueOptions>? queues = null, IBackgroundJobClient? jobs = null)
{
    public const string PartitionFormat = "yyyy-MM-dd";

    /// <summary>
    /// A whole run on the <see cref="DistillationQueues.Dataset"/> queue; when stages are split, only ReadLogs and
    /// BuildDataset, after which the run is handed to <see cref="TrainAsync"/> on the <see cref="DistillationQueues.Training"/> queue.
    /// </summary>
    [Queue(DistillationQueues.Dataset)]
    [AutomaticRetry(
        Attempts = 3,
        DelaysInSeconds = [60, 300, 900],
        OnlyOn = [typeof(IOException), typeof(DbException), typeof(TimeoutException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Distil {0} for {1}")]
    public async Task RunAsync(string pipeline, string? partition, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        DateOnly? day = ParsePartition(partition);
        DistillationLog.JobStarted(logger, pipeline, partition ?? "newest");
        bool split = queues?.Value.SplitStages == true;
        PipelineRunOutcome outcome = await launcher.RunAsync(pipeline, day, split ? RunStage.BuildDataset : null, cancellationToken).ConfigureAwait(false);
        if (outcome.StoppedRunId is { } runId)
        {
            IBackgroundJobClient client = jobs ?? throw new InvalidOperationException("Stages are split but no job client was given to enqueue the training half.");
            string trainingJob = client.Enqueue<DistillationJob>(job => job.TrainAsync(pipeline, partition, CancellationToken.None));
            DistillationLog.HandedOverToTraining(logger, runId, pipeline, partition ?? "newest", trainingJob);
            return;
        }
        Report(outcome);
    }

    /// <summary>
    /// A forced rerun of <paramref name="partition"/> (dashboard "Rerun", <c>run --force</c> against a server): supersedes
    /// <paramref name="supersedesRunId"/> with a new run that publishes a new version, when that run is still the newest
    /// Succeeded run of the partition; otherwise (a duplicate request, already superseded) it acts as <see cref="RunAsync"/>.
    /// The split into a dataset job and a training job is the same as <see cref="RunAsync"/>'s.
    /// </summary>
    [Queue(DistillationQueues.Dataset)]
    [AutomaticRetry(
        Attempts = 3,
        DelaysInSeconds = [60, 300, 900],
        OnlyOn = [typeof(IOException), typeof(DbException), typeof(TimeoutException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Rerun {0} for {1} (supersedes run {2})")]
    public async Task RerunAsync(string pipeline, string partition, string supersedesRunId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(supersedesRunId);
        DateOnly day = ParsePartition(partition) ?? throw new ArgumentException("A forced rerun needs an explicit partition.", nameof(partition));
        DistillationLog.JobStarted(logger, pipeline, partition);
        bool split = queues?.Value.SplitStages == true;
        PipelineRunOutcome outcome = await launcher.RerunAsync(pipeline, day, supersedesRunId, split ? RunStage.BuildDataset : null, cancellationToken).ConfigureAwait(false);
        if (outcome.StoppedRunId is { } runId)
        {
            IBackgroundJobClient client = jobs ?? throw new InvalidOperationException("Stages are split but no job client was given to enqueue the training half.");
            string trainingJob = client.Enqueue<DistillationJob>(job => job.TrainAsync(pipeline, partition, CancellationToken.None));
            DistillationLog.HandedOverToTraining(logger, runId, pipeline, partition, trainingJob);
            return;
        }
        Report(outcome);
    }

    /// <summary>TrainStudent through PublishModel of a run whose dataset a <see cref="RunAsync"/> job built (reused from its checkpoint).</summary>
    [Queue(DistillationQueues.Training)]
    [AutomaticRetry(
        Attempts = 3,
        DelaysInSeconds = [60, 300, 900],
        OnlyOn = [typeof(IOException), typeof(DbException), typeof(TimeoutException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Train {0} for {1}")]
    public async Task TrainAsync(string pipeline, string? partition, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        DateOnly? day = ParsePartition(partition);
        DistillationLog.JobStarted(logger, pipeline, partition ?? "newest");
        Report(await launcher.RunAsync(pipeline, day, stopAfter: null, cancellationToken).ConfigureAwait(false));
    }

    private void Report(PipelineRunOutcome outcome)
    {
        if (outcome.AlreadyRunning is { } skipped)
        {
            DistillationLog.AlreadyRunning(logger, skipped.RunId, skipped.Pipeline, Format(skipped.Partition), skipped.Owner);
            return;
        }

        PipelineRunResult result = outcome.Result!;
        if (result.AlreadyDone)
        {
            DistillationLog.AlreadyDone(logger, result.RunId, result.Pipeline, Format(result.Partition), result.Version.Version);
        }
        else
        {
            DistillationLog.Published(logger, result.RunId, result.Pipeline, Format(result.Partition), result.Version.ModelName, result.Version.Version);
        }
    }

    /// <summary>Parses a job's partition argument; malformed text is a deterministic failure.</summary>
    public static DateOnly? ParsePartition(string? partition) =>
        partition is null ? null
        : DateOnly.TryParseExact(partition, PartitionFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day) ? day
        : throw new ArgumentException($"Partition must be {PartitionFormat} (got '{partition}').", nameof(partition));

    public static string Format(DateOnly partition) => partition.ToString(PartitionFormat, CultureInfo.InvariantCulture);
}
