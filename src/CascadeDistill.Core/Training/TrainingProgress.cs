namespace CascadeDistill.Training;

/// <summary>Progress of a training run: reported every few batches.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, long ExamplesSeen, long ExamplesPerEpoch, double RecentLoss);
