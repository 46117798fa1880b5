namespace CascadeDistill.Registry;

/// <summary>The latest progress of a Running run, as the dashboard shows it.</summary>
/// <param name="Fraction">Done fraction of the stage in [0, 1], when known.</param>
/// <param name="Rows">Rows (dataset examples or log rows) processed so far in the stage, when known.</param>
/// <param name="Epoch">Training: the current epoch (1-based).</param>
/// <param name="Epochs">Training: the number of epochs.</param>
/// <param name="Loss">Training: the recent mean loss.</param>
public sealed record RunProgress(
    RunStage Stage,
    double? Fraction,
    long? Rows,
    int? Epoch,
    int? Epochs,
    double? Loss,
    string Message,
    DateTimeOffset UpdatedAt);
