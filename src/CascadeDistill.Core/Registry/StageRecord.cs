namespace CascadeDistill.Registry;

/// <summary>One stage of a run.</summary>
/// <param name="Seconds">Wall-clock duration, set when the stage finished.</param>
/// <param name="OutputJson">Checkpoint the stage left for resuming (e.g. dataset path and digest), as JSON text.</param>
public sealed record StageRecord(
    RunStage Stage,
    StageStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    double? Seconds,
    string? OutputJson,
    string? FailureReason);
