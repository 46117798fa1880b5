using CascadeDistill.Features;

namespace CascadeDistill.Students;

/// <summary>
/// The reference forward pass of one tower in plain C#: the definition the TorchSharp student and
/// the exported ONNX graph must both match.
/// <list type="number">
/// <item>Categorical: <c>E[floor_mod(id, B)]</c>.</item>
/// <item>Multi-valued: mean of <c>E[floor_mod(id, B)]</c> over the first <c>MaxLength</c> ids; zero vector for an empty list.</item>
/// <item>Numeric: <c>(x - mean) / std</c>.</item>
/// <item>Concatenate in feature order; linear layers with ReLU between them; L2-normalise.</item>
/// <item>With <see cref="TowerWeights.Heads"/>: L2-normalise each head's slice of the last layer on its own,
/// then multiply head k by its scale (<see cref="ForwardHeads"/> gives the unscaled head vectors).</item>
/// </list>
/// </summary>
public static class TowerReference
{
    /// <summary>Row-major [batch.RowCount, OutputWidth] normalised vectors (head vectors scaled, with heads).</summary>
    public static float[] Forward(TowerWeights tower, FeatureBatch batch) => Forward(tower, batch, scaled: true);

    /// <summary>
    /// Row-major [batch.RowCount, OutputWidth]: each head's L2-normalised vector, unscaled, head after head
    /// (the same as <see cref="Forward(TowerWeights, FeatureBatch)"/> without heads).
    /// </summary>
    public static float[] ForwardHeads(TowerWeights tower, FeatureBatch batch) => Forward(tower, batch, scaled: false);

    private static float[] Forward(TowerWeights tower, FeatureBatch batch, bool scaled)
    {
        ArgumentNullException.ThrowIfNull(tower);
        ArgumentNullException.ThrowIfNull(batch);
        int width = tower.InputWidth;
        int outWidth = tower.OutputWidth;
        var output = new float[batch.RowCount * outWidth];
        var input = new float[width];
        for (int row = 0; row < batch.RowCount; row++)
        {
            Array.Clear(input);
            int at = 0;
            foreach (FeatureDefinition feature in tower.Features)
            {
                Encode(tower, feature, batch[feature.Name], row, input.AsSpan(at, feature.InputWidth));
                at += feature.InputWidth;
            }
            float[] h = input;
            for (int l = 0; l < tower.Layers.Count; l++)
            {
                h = Linear(tower.Layers[l], h, relu: l < tower.Layers.Count - 1);
            }
            int heads = tower.Heads?.Count ?? 1;
            int headWidth = outWidth / heads;
            for (int k = 0; k < heads; k++)
            {
                Span<float> into = output.AsSpan(row * outWidth + k * headWidth, headWidth);
                Normalize(h.AsSpan(k * headWidth, headWidth), into);
                if (scaled && tower.Heads is { } named)
                {
                    float scale = named.Scales[k];
                    for (int d = 0; d < into.Length; d++)
                    {
                        into[d] *= scale;
                    }
                }
            }
        }
        return output;
    }

    private static void Encode(TowerWeights tower, FeatureDefinition feature, FeatureColumn column, int row, Span<float> into)
    {
        switch (feature.Kind)
        {
            case FeatureKind.Categorical:
                {
                    long id = ((CategoricalColumn)column).Values[row];
                    tower.Embeddings[feature.Name].Row((int)FeatureDefinition.Bucket(id, feature.HashBuckets)).CopyTo(into);
                    break;
                }
            case FeatureKind.MultiCategorical:
                {
                    ReadOnlySpan<long> ids = ((MultiCategoricalColumn)column).Row(row);
                    int n = Math.Min(ids.Length, feature.MaxLength);
                    DenseMatrix table = tower.Embeddings[feature.Name];
                    for (int i = 0; i < n; i++)
                    {
                        ReadOnlySpan<float> e = table.Row((int)FeatureDefinition.Bucket(ids[i], feature.HashBuckets));
                        for (int d = 0; d < into.Length; d++)
                        {
                            into[d] += e[d];
                        }
                    }
                    if (n > 0)
                    {
                        for (int d = 0; d < into.Length; d++)
                        {
                            into[d] /= n;
                        }
                    }
                    break;
                }
            case FeatureKind.Numeric:
                {
                    NumericStatistics stats = tower.Numerics[feature.Name];
                    into[0] = (((NumericColumn)column).Values[row] - stats.Mean) / stats.Std;
                    break;
                }
            default:
                throw new InvalidOperationException($"Unknown feature kind {feature.Kind}.");
        }
    }

    private static float[] Linear(DenseLayer layer, float[] x, bool relu)
    {
        var y = new float[layer.OutputWidth];
        for (int o = 0; o < y.Length; o++)
        {
            ReadOnlySpan<float> w = layer.Weight.Row(o);
            float sum = layer.Bias[o];
            for (int i = 0; i < w.Length; i++)
            {
                sum += w[i] * x[i];
            }
            y[o] = relu && sum < 0 ? 0 : sum;
        }
        return y;
    }

    private static void Normalize(ReadOnlySpan<float> h, Span<float> into)
    {
        double sq = 0;
        foreach (float v in h)
        {
            sq += (double)v * v;
        }
        float norm = Math.Max((float)Math.Sqrt(sq), TwoTowerWeights.NormEpsilon);
        for (int i = 0; i < h.Length; i++)
        {
            into[i] = h[i] / norm;
        }
    }
}
