namespace CascadeDistill.Pipelines;

/// <summary>How the student is trained.</summary>
/// <param name="SoftLabelWeight">λ in <c>(1-λ)·BCE(hard) + λ·BCE(soft)</c>; 0 when the dataset has no soft labels.</param>
/// <param name="Threads">Torch intra-op threads; 0 = one per core.</param>
/// <param name="Device"><c>auto</c> (CUDA when available, else CPU), <c>cpu</c> or <c>cuda</c>.</param>
/// <param name="GroundTruth">A logged label mixed into a list or pair loss with a weight; null = distillation only.</param>
/// <param name="LossWeighting"><c>fixed</c> (the declared weights) or <c>uncertainty</c> (learned, Kendall et al.).</param>
/// <param name="DistillationLoss">The pointwise teacher term (<c>training.distillation_loss</c>); null = <c>bce</c> on the dataset's soft label.</param>
public sealed record TrainingDefinition(
    int Epochs,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    double SoftLabelWeight,
    int Seed,
    int Threads,
    string Device,
    GroundTruthDefinition? GroundTruth = null,
    string LossWeighting = PipelineDefaults.LossWeighting,
    DistillationLossDefinition? DistillationLoss = null);
