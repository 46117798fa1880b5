using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Datasets;

/// <summary>
/// One example per candidate of a request, in log order (so a request's rows stay contiguous):
/// positions 1..TopK are positives (label 1, weight <c>w(pos)</c>), every other candidate a
/// negative (label 0, weight 1); the fused teacher logit, and <c>sigmoid(fused / T)</c> with a soft label.
/// Shared by the pointwise and listwise recipes.
/// </summary>
internal static class CandidateRows
{
    /// <param name="groundTruthLabel">
    /// When set (list and pair recipes with <c>training.ground_truth</c>), the label column holds the
    /// logged label <c>label.NAME</c> instead (NaN = unknown, kept as NaN).
    /// </param>
    /// <exception cref="InvalidDataException">The log has no labels for <paramref name="groundTruthLabel"/>.</exception>
    /// <param name="weightOnlyTopK">Weight 0 instead of 1 for rows outside the teacher's top K (the inbatch recipe with ground truth).</param>
    public static void Add(RequestBlock block, DatasetDefinition definition, DatasetChunkBuilder into, string? groundTruthLabel = null, bool weightOnlyTopK = false)
    {
        float[] fused = TeacherFusion.Fuse(block, definition.Fusion);
        float[]? logged = null;
        if (groundTruthLabel is not null && !block.Labels.TryGetValue(groundTruthLabel, out logged))
        {
            throw new InvalidDataException(
                $"Request {block.RequestId} has no logged label '{groundTruthLabel}' (column label.{groundTruthLabel}), which training.ground_truth needs.");
        }
        for (int row = 0; row < block.Count; row++)
        {
            int position = block.Positions[row];
            bool positive = position != LogContract.PositionCut && position <= definition.TopK;
            float label = logged is not null ? logged[row] : positive ? 1f : 0f;
            float weight = positive ? (float)definition.PositionWeight.Weight(position) : weightOnlyTopK ? 0f : 1f;
            float soft = definition.SoftLabel is { } softLabel
                ? (float)(1.0 / (1.0 + Math.Exp(-fused[row] / softLabel.Temperature)))
                : float.NaN;
            into.Add(block, row, label, weight, soft, fused[row]);
        }
    }
}
