using Microsoft.Extensions.Logging;

namespace CascadeDistill.Hangfire.Logging;

/// <summary>Structured log events of the Hangfire adapter (source-generated).</summary>
internal static partial class DistillationLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Distillation job started: pipeline {Pipeline}, partition {Partition}")]
    public static partial void JobStarted(ILogger logger, string pipeline, string partition);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Run {RunId} of {Pipeline} for {Partition} published {Model} v{Version}")]
    public static partial void Published(ILogger logger, string runId, string pipeline, string partition, string model, int version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Run {RunId} of {Pipeline} for {Partition} had already succeeded (v{Version}); nothing redone")]
    public static partial void AlreadyDone(ILogger logger, string runId, string pipeline, string partition, int version);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Run {RunId} of {Pipeline} for {Partition} is already running under {Owner}; this trigger exits without doing anything")]
    public static partial void AlreadyRunning(ILogger logger, string runId, string pipeline, string partition, string owner);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "{Pipeline} {Partition}: {Stage} started")]
    public static partial void StageStarted(ILogger logger, string pipeline, string partition, string stage);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "{Pipeline} {Partition}: {Stage} {Progress}")]
    public static partial void StageProgress(ILogger logger, string pipeline, string partition, string stage, string progress);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "{Pipeline} {Partition}: {Stage} done in {Seconds:F1} s: {Summary}")]
    public static partial void StageCompleted(ILogger logger, string pipeline, string partition, string stage, double seconds, string summary);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "{Pipeline} {Partition}: {Message}")]
    public static partial void RunWarning(ILogger logger, string pipeline, string partition, string message);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Catch-up of {Pipeline}: enqueued job {JobId} for partition {Partition}")]
    public static partial void PartitionEnqueued(ILogger logger, string pipeline, string partition, string jobId);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "Catch-up of {Pipeline}: no partition with a complete log window in the {CatchUpDays} days up to {Watermark}; nothing enqueued")]
    public static partial void NoPartition(ILogger logger, string pipeline, string watermark, int catchUpDays);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Information, Message = "Catch-up of {Pipeline}: {Eligible} eligible partitions, {Done} already succeeded, {Enqueued} enqueued")]
    public static partial void CatchUpDone(ILogger logger, string pipeline, int eligible, int done, int enqueued);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Start-up: run {RunId} of {Pipeline} for {Partition} was interrupted ({Status}); job {JobId} resumes it")]
    public static partial void InterruptedRunEnqueued(ILogger logger, string runId, string pipeline, string partition, string status, string jobId);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning, Message = "Start-up: run {RunId} of {Pipeline} for {Partition} is Running under {Owner} until {ExpiresAt:O}; job {JobId} resumes it when that lease expires")]
    public static partial void InterruptedRunScheduled(ILogger logger, string runId, string pipeline, string partition, string owner, DateTimeOffset expiresAt, string jobId);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Information, Message = "Start-up: run {RunId} of {Pipeline} for {Partition} belongs to config {ConfigHash}, not the pipeline's current one; not resumed")]
    public static partial void InterruptedRunOtherConfig(ILogger logger, string runId, string pipeline, string partition, string configHash);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information, Message = "Recurring job {RecurringJobId} for pipeline {Pipeline}: cron '{Cron}' (UTC)")]
    public static partial void RecurringRegistered(ILogger logger, string recurringJobId, string pipeline, string cron);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Run {RunId} of {Pipeline} for {Partition}: dataset built; handed over to the training queue as job {JobId}")]
    public static partial void HandedOverToTraining(ILogger logger, string runId, string pipeline, string partition, string jobId);

    [LoggerMessage(EventId = 4024, Level = LogLevel.Information, Message = "Catch-up {Pipeline}: {Count} partition(s) already have an enqueued, scheduled or processing job ({Partitions}); not enqueued again")]
    public static partial void AlreadyPending(ILogger logger, string pipeline, int count, string partitions);
}
