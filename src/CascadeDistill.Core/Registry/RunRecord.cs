namespace CascadeDistill.Registry;

/// <summary>A run of a pipeline for one partition, with its stages in pipeline order.</summary>
/// <param name="Attempt">1 for the first attempt; incremented each time a failed run is resumed.</param>
/// <param name="RowAccountingJson">Row accounting (read = accepted + quarantined + filtered, by reason), as JSON text.</param>
/// <param name="MetricsJson">Evaluation metrics, as JSON text.</param>
public sealed record RunRecord(
    string RunId,
    string Pipeline,
    DateOnly Partition,
    DateOnly WindowFirst,
    DateOnly WindowLast,
    string ConfigHash,
    RunStatus Status,
    int Attempt,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? FailureReason,
    string? RowAccountingJson,
    string? MetricsJson,
    IReadOnlyList<StageRecord> Stages)
{
    /// <summary>
    /// 0 for the ordinary run of (pipeline, partition, config hash); N+1 for a forced rerun that superseded
    /// generation N. The claim key is (pipeline, partition, config hash, generation).
    /// </summary>
    public int Generation { get; init; }

    /// <summary>The Succeeded run this forced rerun supersedes (its versions stay intact); null for generation 0.</summary>
    public string? SupersedesRunId { get; init; }

    /// <summary>The record of <paramref name="stage"/>, or null when it never began.</summary>
    public StageRecord? FindStage(RunStage stage) => Stages.FirstOrDefault(s => s.Stage == stage);

    /// <summary>True when <paramref name="stage"/> finished successfully (a resumed run skips it).</summary>
    public bool HasSucceeded(RunStage stage) => FindStage(stage)?.Status == StageStatus.Succeeded;
}
