using CascadeDistill.Datasets;
using CascadeDistill.Torch.Losses;
using CascadeDistill.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// Per-objective heads (<c>student.heads: per_objective</c>): the pointwise epoch, with each head's
/// target read from its objective's own teacher logit column and the loss of <see cref="HeadDistillationLoss"/>.
/// </summary>
internal sealed partial class StudentTrainingLoop
{
    private EpochRecord RunHeadsEpoch(int epoch, AdamOptimizer optimizer, HeadTrainingOptions heads, CancellationToken cancellationToken)
    {
        double lambda = _request.Training.SoftLabelWeight;
        float[] fusion = [.. heads.Heads.Select(h => (float)h.Value)];
        return RunPointwiseEpoch(epoch, optimizer, softLabels: false, teacherLogits: false, chunk =>
        {
            float[][] logits = ObjectiveLogits(chunk, heads.Objectives, epoch);
            return (rows, batch) =>
            {
                Tensor soft = HeadSoftLabels(logits, rows, heads.SoftLabelTemperature, _device);
                Tensor fusionWeights = tensor(fusion, [fusion.Length], ScalarType.Float32, _device);
                Tensor headLogits = _model.ForwardHeads(batch.User, batch.Item);
                return HeadDistillationLoss.Compute(headLogits, fusionWeights, batch.Labels, batch.Weights, soft, lambda);
            };
        }, cancellationToken);
    }

    /// <summary>Each objective's logit column of the chunk, in head order; a missing or short column is malformed data.</summary>
    private static float[][] ObjectiveLogits(DatasetChunk chunk, IReadOnlyList<string> objectives, int epoch)
    {
        var columns = new float[objectives.Count][];
        for (int k = 0; k < objectives.Count; k++)
        {
            if (chunk.ObjectiveLogits is null || !chunk.ObjectiveLogits.TryGetValue(objectives[k], out float[]? values) || values.Length != chunk.Count)
            {
                throw new InvalidDataException(
                    $"Dataset chunk of epoch {epoch} is malformed: it has no {chunk.Count} teacher logits of objective '{objectives[k]}', which its head needs.");
            }
            columns[k] = values;
        }
        return columns;
    }

    /// <summary>
    /// <c>[rows, K]</c> targets <c>sigmoid(teacher_k / T)</c>; a row without a teacher logit (NaN: a sampled
    /// catalogue negative the teacher never scored) gets 0, as its fused soft label does.
    /// </summary>
    internal static Tensor HeadSoftLabels(float[][] logits, ReadOnlySpan<int> rows, double temperature, Device device)
    {
        int heads = logits.Length;
        var soft = new float[rows.Length * heads];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int k = 0; k < heads; k++)
            {
                float z = logits[k][rows[i]];
                soft[i * heads + k] = float.IsNaN(z) ? 0f : (float)(1.0 / (1.0 + Math.Exp(-z / temperature)));
            }
        }
        return tensor(soft, [rows.Length, heads], ScalarType.Float32, device);
    }
}
