using CascadeDistill.Features;
using CascadeDistill.Onnx.Contracts;
using CascadeDistill.Students;

namespace CascadeDistill.Onnx.Export;

/// <summary>Checks that a tower's weights are consistent with its features before a graph is written.</summary>
internal static class TowerWeightsValidator
{
    /// <summary>Every problem found, each prefixed with <paramref name="path"/>; empty when the tower is valid.</summary>
    public static IReadOnlyList<string> Validate(TowerWeights tower, FeatureSide side, string path)
    {
        var problems = new List<string>();
        if (tower.Features.Count == 0)
        {
            problems.Add($"{path}: a tower needs at least one feature.");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (TowerInput input in TowerInputContract.For(tower.Features))
        {
            if (string.IsNullOrEmpty(input.Name) || !names.Add(input.Name))
            {
                problems.Add($"{path}: ONNX input name '{input.Name}' is empty or used twice.");
            }
        }
        foreach (FeatureDefinition feature in tower.Features)
        {
            ValidateFeature(tower, feature, side, $"{path}.features[{feature.Name}]", problems);
        }
        ValidateLayers(tower, path, problems);
        return problems;
    }

    private static void ValidateFeature(TowerWeights tower, FeatureDefinition feature, FeatureSide side, string path, List<string> problems)
    {
        if (feature.Side != side)
        {
            problems.Add($"{path}: side is {feature.Side}, expected {side}.");
        }
        if (feature.Kind == FeatureKind.Numeric)
        {
            if (!tower.Numerics.TryGetValue(feature.Name, out NumericStatistics? stats))
            {
                problems.Add($"{path}: no numeric statistics.");
            }
            else if (!float.IsFinite(stats.Mean) || !float.IsFinite(stats.Std) || stats.Std < NumericStatistics.MinStd)
            {
                problems.Add($"{path}: statistics must be finite with std >= {NumericStatistics.MinStd}.");
            }
            return;
        }
        if (feature.HashBuckets <= 0 || feature.EmbeddingDim <= 0)
        {
            problems.Add($"{path}: hash buckets and embedding dim must be positive.");
        }
        if (feature.Kind == FeatureKind.MultiCategorical && feature.MaxLength <= 0)
        {
            problems.Add($"{path}: max length must be positive.");
        }
        if (!tower.Embeddings.TryGetValue(feature.Name, out DenseMatrix? table))
        {
            problems.Add($"{path}: no embedding table.");
        }
        else if (table.Rows != feature.HashBuckets || table.Columns != feature.EmbeddingDim)
        {
            problems.Add($"{path}: embedding table is {table.Rows}x{table.Columns}, expected {feature.HashBuckets}x{feature.EmbeddingDim}.");
        }
        else if (!AllFinite(table.Values))
        {
            problems.Add($"{path}: embedding table has NaN or infinite values.");
        }
    }

    private static void ValidateLayers(TowerWeights tower, string path, List<string> problems)
    {
        if (tower.Layers.Count == 0)
        {
            problems.Add($"{path}: a tower needs at least one layer.");
            return;
        }
        int width = tower.InputWidth;
        for (int l = 0; l < tower.Layers.Count; l++)
        {
            DenseLayer layer = tower.Layers[l];
            if (layer.InputWidth != width)
            {
                problems.Add($"{path}.layers[{l}]: input width {layer.InputWidth}, expected {width}.");
            }
            if (layer.Bias.Length != layer.OutputWidth || layer.OutputWidth == 0)
            {
                problems.Add($"{path}.layers[{l}]: bias has {layer.Bias.Length} values for {layer.OutputWidth} outputs.");
            }
            if (!AllFinite(layer.Weight.Values) || !AllFinite(layer.Bias))
            {
                problems.Add($"{path}.layers[{l}]: NaN or infinite weights.");
            }
            width = layer.OutputWidth;
        }
    }

    private static bool AllFinite(float[] values) => Array.TrueForAll(values, float.IsFinite);
}
