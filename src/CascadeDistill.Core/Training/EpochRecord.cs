namespace CascadeDistill.Training;

/// <summary>One point of the training curve.</summary>
public sealed record EpochRecord(int Epoch, double MeanLoss, long Examples, double Seconds);
