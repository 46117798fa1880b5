using CascadeDistill.Torch.Native;
using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Torch.Losses;
using CascadeDistill.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// The losses of the list objectives, per batch of whole requests:
/// <list type="bullet">
/// <item>ListNet: <c>ListNetLoss(scores, teacher logits, mask, T, position weights)</c>;</item>
/// <item>LambdaNDCG: <c>LambdaNdcgLoss(scores, grades, mask, σ)</c>, grades from the teacher order per request;</item>
/// <item>BPR: <c>BprLoss</c> over each request's pairs, drawn from its positions and teacher logits with
/// the dataset's seed (the same pairs its manifest counted), weighted by the pair weights.</item>
/// </list>
/// With a ground-truth weight <c>w &gt; 0</c> the label column (the logged label) adds a BCE on the same scores
/// over the items whose label is known: <c>L = L_distil + w · BCE</c>, or with learned weighting
/// <c>UncertaintyWeighting([L_distil, BCE])</c> (its two log-variances train with the model).
/// </summary>
internal sealed partial class StudentTrainingLoop
{
    private static bool IsListObjective(TrainingObjective objective) =>
        objective is TrainingObjective.ListNet or TrainingObjective.LambdaNdcg or TrainingObjective.Bpr;

    private UncertaintyWeighting? CreateLossWeighting()
    {
        if (_request.Ranking is not { LearnedWeighting: true, GroundTruthWeight: > 0 })
        {
            return null;
        }
        var weighting = new UncertaintyWeighting(2);
        weighting.to(_device);
        return weighting;
    }

    private Tensor ListLoss(ListTrainingBatch batch, Tensor scores, UncertaintyWeighting? weighting)
    {
        if (_request.Ranking is { GroundTruthOnly: true })
        {
            return GroundTruthListLoss(batch, scores);
        }
        Tensor distillation = _request.Objective switch
        {
            TrainingObjective.ListNet => ListNetLoss.Compute(scores, batch.Teacher, batch.Mask, _request.ListNetTemperature, batch.Weights),
            TrainingObjective.LambdaNdcg => LambdaNdcgLoss.Compute(scores, Grades(batch), batch.Mask, _request.Ranking!.Sigma),
            TrainingObjective.Bpr => PairLoss(batch, scores),
            _ => throw new InvalidOperationException($"{_request.Objective} is not a list objective."),
        };
        double groundTruthWeight = _request.Ranking?.GroundTruthWeight ?? 0;
        if (groundTruthWeight <= 0)
        {
            return distillation;
        }
        Tensor groundTruth = GroundTruthLoss(batch, scores);
        return weighting is null
            ? distillation.Plus(groundTruth.Times(groundTruthWeight))
            : weighting.forward(stack([distillation, groundTruth]));
    }

    private Tensor Grades(ListTrainingBatch batch)
    {
        var grader = _request.Ranking!.Grader!;
        var grades = new float[batch.MaskValues.Length];
        var listGrades = new int[batch.MaxLength];
        for (int l = 0; l < batch.Lists; l++)
        {
            int start = l * batch.MaxLength;
            int length = Length(batch, l);
            grader.Grade(
                batch.PositionValues.AsSpan(start, length),
                batch.TeacherValues.AsSpan(start, length),
                listGrades.AsSpan(0, length));
            for (int i = 0; i < length; i++)
            {
                grades[start + i] = listGrades[i];
            }
        }
        return tensor(grades, [batch.Lists, batch.MaxLength], ScalarType.Float32, _device);
    }

    private Tensor PairLoss(ListTrainingBatch batch, Tensor scores)
    {
        RequestPairDrawer drawer = _request.Ranking!.Pairs!;
        var hi = new List<long>();
        var lo = new List<long>();
        var weights = new List<float>();
        for (int l = 0; l < batch.Lists; l++)
        {
            int start = l * batch.MaxLength;
            int length = Length(batch, l);
            PairDraw draw = drawer.Draw(
                batch.RequestIds[l],
                batch.PositionValues.AsSpan(start, length),
                batch.TeacherValues.AsSpan(start, length));
            foreach (RankedPair pair in draw.Pairs)
            {
                hi.Add(start + pair.IndexHi);
                lo.Add(start + pair.IndexLo);
                weights.Add(pair.Weight);
            }
        }
        Tensor flat = scores.reshape(-1);
        return BprLoss.Compute(
            flat,
            tensor(hi.ToArray(), [hi.Count], ScalarType.Int64, _device),
            tensor(lo.ToArray(), [lo.Count], ScalarType.Int64, _device),
            tensor(weights.ToArray(), [weights.Count], ScalarType.Float32, _device));
    }

    /// <summary>Mean BCE of the scores against the label column over the real items whose label is known (not NaN).</summary>
    private Tensor GroundTruthLoss(ListTrainingBatch batch, Tensor scores)
    {
        var labels = new float[batch.LabelValues.Length];
        var known = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            float label = batch.LabelValues[i];
            if (batch.MaskValues[i] && !float.IsNaN(label))
            {
                labels[i] = label;
                known[i] = 1f;
            }
        }
        long[] shape = [batch.Lists, batch.MaxLength];
        Tensor perItem = nn.functional.binary_cross_entropy_with_logits(
            scores, tensor(labels, shape, ScalarType.Float32, _device), null, nn.Reduction.None);
        Tensor weights = tensor(known, shape, ScalarType.Float32, _device);
        return (perItem * weights).sum() / weights.sum().AtLeast(DistillationLoss.MinWeightSum);
    }

    // Real items of list l: the mask is true for a prefix of its row.
    private static int Length(ListTrainingBatch batch, int l)
    {
        int start = l * batch.MaxLength;
        int length = 0;
        while (length < batch.MaxLength && batch.MaskValues[start + length])
        {
            length++;
        }
        return length;
    }
}
