using CascadeDistill.Features;

namespace CascadeDistill.Logs;

/// <summary>The columns a log file holds beyond the required ones.</summary>
public sealed record LogWriteSchema(
    IReadOnlyList<string> Objectives,
    bool HasLabels,
    bool HasRerankPosition,
    IReadOnlyList<FeatureDefinition> Features);
