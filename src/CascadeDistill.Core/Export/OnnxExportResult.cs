namespace CascadeDistill.Export;

/// <summary>The written model files.</summary>
public sealed record OnnxExportResult(string UserTowerPath, string ItemTowerPath)
{
    /// <summary>The per-objective heads' outputs, in head order; empty for a single-head student.</summary>
    public IReadOnlyList<HeadOutputNames> HeadOutputs { get; init; } = [];
}
