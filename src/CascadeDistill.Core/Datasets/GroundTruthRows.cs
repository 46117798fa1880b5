using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Datasets;

/// <summary>
/// The ground-truth-only variant of the pointwise recipe (<c>dataset.labels: ground_truth</c>): one
/// example per candidate that has a logged label for <c>dataset.label</c> (label 1 when the logged value
/// is > 0.5, else 0; weight 1; no soft label). Candidates without a label (NaN: never shown to the
/// user) are skipped with <see cref="SkipReasons.Unlabelled"/>; the teacher's order and logits decide
/// nothing (the fused logit is still stored for inspection, unused by training).
/// </summary>
internal static class GroundTruthRows
{
    /// <summary>Adds the labelled candidates; returns how many, or -1 when the request has none (nothing was added).</summary>
    public static int Add(RequestBlock block, DatasetDefinition definition, DatasetChunkBuilder into)
    {
        string objective = definition.Label ?? throw new ArgumentException("dataset.label is required with ground-truth labels.", nameof(definition));
        if (!block.Labels.TryGetValue(objective, out float[]? labels) || !labels.Any(l => !float.IsNaN(l)))
        {
            return -1;
        }
        float[] fused = TeacherFusion.Fuse(block, definition.Fusion);
        int added = 0;
        for (int row = 0; row < block.Count; row++)
        {
            if (float.IsNaN(labels[row]))
            {
                continue;
            }
            into.Add(block, row, labels[row] > 0.5f ? 1f : 0f, 1f, float.NaN, fused[row]);
            added++;
        }
        return added;
    }
}
