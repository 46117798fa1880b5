using CascadeDistill.Features;

namespace CascadeDistill.Onnx.Contracts;

/// <summary>
/// The published input contract of an exported tower: one input per feature, named after it,
/// with a dynamic batch dimension; a multi-valued feature adds a <c>&lt;name&gt;_length</c> input.
/// Serving feeds raw logged values; hashing, truncation and pooling happen inside the graph.
/// </summary>
public static class TowerInputContract
{
    public const string BatchDimension = "batch";
    public const string Int64 = "int64";
    public const string Float = "float";

    /// <summary>Name of the lengths input of a multi-valued feature.</summary>
    public static string LengthInputName(string feature) => feature + "_length";

    /// <summary>Symbolic name of the padded list dimension of a multi-valued feature.</summary>
    public static string ListDimension(string feature) => feature + "_len";

    /// <summary>The inputs of a tower with the given features, in graph order.</summary>
    public static IReadOnlyList<TowerInput> For(IReadOnlyList<FeatureDefinition> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var inputs = new List<TowerInput>(features.Count + 2);
        foreach (FeatureDefinition feature in features)
        {
            switch (feature.Kind)
            {
                case FeatureKind.Categorical:
                    inputs.Add(new TowerInput(feature.Name, Int64, [BatchDimension], TowerInputRole.Ids, feature));
                    break;
                case FeatureKind.MultiCategorical:
                    inputs.Add(new TowerInput(feature.Name, Int64, [BatchDimension, ListDimension(feature.Name)], TowerInputRole.Ids, feature));
                    inputs.Add(new TowerInput(LengthInputName(feature.Name), Int64, [BatchDimension], TowerInputRole.Lengths, feature));
                    break;
                case FeatureKind.Numeric:
                    inputs.Add(new TowerInput(feature.Name, Float, [BatchDimension], TowerInputRole.Value, feature));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(features), feature.Kind, $"Unknown kind of feature '{feature.Name}'.");
            }
        }
        return inputs;
    }

    /// <summary>The features behind a list of inputs, in order (inverse of <see cref="For"/>).</summary>
    public static IReadOnlyList<FeatureDefinition> Features(IReadOnlyList<TowerInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Where(i => i.Role != TowerInputRole.Lengths).Select(i => i.Feature).ToArray();
    }
}
