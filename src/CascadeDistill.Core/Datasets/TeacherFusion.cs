using CascadeDistill.Logs;

namespace CascadeDistill.Datasets;

/// <summary>The fused teacher logit: <c>Σ_o weight_o · logit_o</c> over the declared objectives.</summary>
public static class TeacherFusion
{
    public static float[] Fuse(RequestBlock block, IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(weights);
        var fused = new double[block.Count];
        foreach ((string objective, double weight) in weights)
        {
            if (!block.TeacherLogits.TryGetValue(objective, out float[]? logits))
            {
                throw new InvalidOperationException($"Request {block.RequestId} has no teacher logits for objective '{objective}'.");
            }
            for (int i = 0; i < fused.Length; i++)
            {
                fused[i] += weight * logits[i];
            }
        }
        return fused.Select(v => (float)v).ToArray();
    }
}
