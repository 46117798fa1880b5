namespace CascadeDistill.Pipelines;

/// <summary>
/// Which logs a run reads: the <see cref="WindowDays"/> days ending at the run's partition day
/// (inclusive); the last <see cref="HoldoutDays"/> of them are held out for evaluation.
/// </summary>
/// <param name="Objectives">Teacher objectives (logit columns <c>teacher.NAME</c>) the pipeline needs.</param>
/// <param name="ReadLabels">Read ground-truth labels (for click AUC) when the logs have them.</param>
public sealed record LogWindowDefinition(
    int WindowDays,
    int HoldoutDays,
    IReadOnlyList<string> Objectives,
    bool ReadLabels);
