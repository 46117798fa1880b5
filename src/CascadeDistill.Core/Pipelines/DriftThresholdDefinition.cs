namespace CascadeDistill.Pipelines;

/// <summary>A drift figure above <see cref="Warn"/> is reported as a warning; above <see cref="Block"/> the run is refused before training (nothing is published). Null = no such gate.</summary>
public sealed record DriftThresholdDefinition(double? Warn, double? Block);
