namespace CascadeDistill.Training;

/// <summary>The loss became NaN or infinite; nothing is exported. Deterministic for the same data and seed.</summary>
public sealed class TrainingDivergedException(int epoch, long batch)
    : Exception($"Training diverged (non-finite loss) in epoch {epoch}, batch {batch}.")
{
    public int Epoch { get; } = epoch;

    public long Batch { get; } = batch;
}
