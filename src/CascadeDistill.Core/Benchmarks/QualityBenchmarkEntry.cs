using CascadeDistill.Pipelines;

namespace CascadeDistill.Benchmarks;

/// <summary>One student the benchmark trains: a shipped pipeline (distilled) or a derived ground-truth-only twin.</summary>
/// <param name="Pipeline">The definition as run (protocol applied).</param>
/// <param name="Kind"><see cref="QualityRowKind.Distilled"/> or <see cref="QualityRowKind.GroundTruthOnly"/>.</param>
/// <param name="DerivedFrom">For a ground-truth-only twin: the shipped pipeline it comes from.</param>
public sealed record QualityBenchmarkEntry(PipelineDefinition Pipeline, string Kind, string? DerivedFrom = null)
{
    public StudentStage Stage => Pipeline.Stage;
}
