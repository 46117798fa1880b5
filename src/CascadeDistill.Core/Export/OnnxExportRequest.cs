using CascadeDistill.Students;

namespace CascadeDistill.Export;

/// <summary>Export both towers into <see cref="Directory"/> as <c>user_tower.onnx</c> and <c>item_tower.onnx</c>.</summary>
/// <param name="Metadata">ONNX metadata_props written into both files (pipeline, version, feature contract, digest, metrics...).</param>
public sealed record OnnxExportRequest(
    TwoTowerWeights Weights,
    string Directory,
    IReadOnlyDictionary<string, string> Metadata);
