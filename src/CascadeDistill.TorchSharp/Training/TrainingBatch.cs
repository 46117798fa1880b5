using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Torch.Students;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>One minibatch as tensors: both towers' inputs and the per-example targets and weights.</summary>
internal sealed class TrainingBatch : IDisposable
{
    private TrainingBatch(TowerInput user, TowerInput item, Tensor labels, Tensor weights, Tensor? softLabels, double weightSum, Tensor? teacherLogits = null)
    {
        TeacherLogits = teacherLogits;
        User = user;
        Item = item;
        Labels = labels;
        Weights = weights;
        SoftLabels = softLabels;
        WeightSum = weightSum;
    }

    public TowerInput User { get; }

    public TowerInput Item { get; }

    public Tensor Labels { get; }

    public Tensor Weights { get; }

    public Tensor? SoftLabels { get; }

    /// <summary>The fused teacher logits, when the loss reads them (<c>soft_target</c>, <c>logit_mse</c>).</summary>
    public Tensor? TeacherLogits { get; }

    /// <summary>Σ w_i of this batch, for weighting its loss in the epoch mean.</summary>
    public double WeightSum { get; }

    public int Count => User.RowCount;

    public static TrainingBatch Create(
        DatasetChunk chunk,
        ReadOnlySpan<int> rows,
        IReadOnlyList<FeatureDefinition> userFeatures,
        IReadOnlyList<FeatureDefinition> itemFeatures,
        bool withSoftLabels,
        Device device,
        bool withTeacherLogits = false)
    {
        float[]? teacher = withTeacherLogits ? new float[rows.Length] : null;
        var labels = new float[rows.Length];
        var weights = new float[rows.Length];
        float[]? soft = withSoftLabels ? new float[rows.Length] : null;
        double weightSum = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            labels[i] = chunk.Labels[row];
            weights[i] = chunk.Weights[row];
            weightSum += weights[i];
            if (soft is not null)
            {
                soft[i] = chunk.SoftLabels[row];
            }
            if (teacher is not null)
            {
                teacher[i] = chunk.TeacherLogits[row];
                if (!float.IsFinite(teacher[i]))
                {
                    throw new InvalidDataException($"Dataset row {row} has a non-finite teacher logit ({teacher[i]}), which the distillation loss reads.");
                }
            }
        }
        TowerInput user = TowerInput.Create(userFeatures, chunk.Features, rows, device);
        TowerInput item = TowerInput.Create(itemFeatures, chunk.Features, rows, device);
        return new TrainingBatch(
            user,
            item,
            tensor(labels, [rows.Length], ScalarType.Float32, device),
            tensor(weights, [rows.Length], ScalarType.Float32, device),
            soft is null ? null : tensor(soft, [rows.Length], ScalarType.Float32, device),
            weightSum,
            teacher is null ? null : tensor(teacher, [rows.Length], ScalarType.Float32, device));
    }

    public void Dispose()
    {
        User.Dispose();
        Item.Dispose();
        Labels.Dispose();
        Weights.Dispose();
        SoftLabels?.Dispose();
        TeacherLogits?.Dispose();
    }
}
