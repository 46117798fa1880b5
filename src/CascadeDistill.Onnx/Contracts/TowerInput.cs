using CascadeDistill.Features;

namespace CascadeDistill.Onnx.Contracts;

/// <summary>One input of an exported tower, as published in the model's metadata.</summary>
/// <param name="Name">ONNX input name.</param>
/// <param name="ElementType">ONNX element type: <c>int64</c> or <c>float</c>.</param>
/// <param name="Shape">Symbolic dimensions, e.g. <c>["batch"]</c> or <c>["batch", "tags_len"]</c>.</param>
/// <param name="Role">What the input carries.</param>
/// <param name="Feature">The feature it belongs to (a multi-valued feature has an ids and a lengths input).</param>
public sealed record TowerInput(
    string Name,
    string ElementType,
    IReadOnlyList<string> Shape,
    TowerInputRole Role,
    FeatureDefinition Feature);
