using CascadeDistill.Features;

namespace CascadeDistill.Logs;

/// <summary>What a pipeline reads from logs: the objectives' logits, optional labels and its declared features.</summary>
public sealed record LogReadRequest(
    IReadOnlyList<string> Objectives,
    IReadOnlyList<FeatureDefinition> Features,
    bool ReadLabels);
