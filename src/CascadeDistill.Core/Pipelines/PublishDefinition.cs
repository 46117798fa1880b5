namespace CascadeDistill.Pipelines;

/// <summary>Where and how the student is published.</summary>
/// <param name="ModelName">Registry model name; versions are numbered per model.</param>
/// <param name="ParityTolerance">Max abs difference allowed between ONNX Runtime and the trained model.</param>
public sealed record PublishDefinition(string ModelName, double ParityTolerance);
