using CascadeDistill.Torch.Native;
using CascadeDistill.Torch.Losses;
using CascadeDistill.Training;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// The list objectives on logged labels alone (<c>dataset.labels: ground_truth</c> with the listwise or
/// pairwise recipe): each list holds a request's labelled candidates (label 1 clicked, 0 shown but not
/// clicked), and no teacher logit or position is read:
/// <list type="bullet">
/// <item>ListNet: <c>−Σ_j p_j · log softmax(s)_j</c>, p uniform over the list's clicked candidates;</item>
/// <item>LambdaNDCG: <c>LambdaNdcgLoss(scores, labels as grades, mask, σ)</c>;</item>
/// <item>BPR: <c>BprLoss</c> over every (clicked, not clicked) pair of each list, weight 1.</item>
/// </list>
/// </summary>
internal sealed partial class StudentTrainingLoop
{
    private Tensor GroundTruthListLoss(ListTrainingBatch batch, Tensor scores)
    {
        var labels = new float[batch.LabelValues.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = batch.MaskValues[i] && batch.LabelValues[i] > 0.5f ? 1f : 0f;
        }
        long[] shape = [batch.Lists, batch.MaxLength];
        switch (_request.Objective)
        {
            case TrainingObjective.ListNet:
                {
                    Tensor clicked = tensor(labels, shape, ScalarType.Float32, _device);
                    Tensor target = clicked / clicked.sum(1, keepdim: true).AtLeast(1.0);
                    Tensor perList = ListNetLoss.PerList(scores, target, batch.Mask);
                    Tensor hasClick = clicked.sum(1).GreaterThan(0.0).to_type(perList.dtype);
                    return (perList * hasClick).sum() / hasClick.sum().AtLeast(1.0);
                }
            case TrainingObjective.LambdaNdcg:
                return LambdaNdcgLoss.Compute(scores, tensor(labels, shape, ScalarType.Float32, _device), batch.Mask, _request.Ranking!.Sigma);
            case TrainingObjective.Bpr:
                {
                    var hi = new List<long>();
                    var lo = new List<long>();
                    for (int l = 0; l < batch.Lists; l++)
                    {
                        int start = l * batch.MaxLength;
                        int length = Length(batch, l);
                        for (int i = start; i < start + length; i++)
                        {
                            for (int j = start; j < start + length; j++)
                            {
                                if (labels[i] > labels[j])
                                {
                                    hi.Add(i);
                                    lo.Add(j);
                                }
                            }
                        }
                    }
                    if (hi.Count == 0)
                    {
                        return scores.sum().Times(0.0);
                    }
                    return BprLoss.Compute(
                        scores.reshape(-1),
                        tensor(hi.ToArray(), [hi.Count], ScalarType.Int64, _device),
                        tensor(lo.ToArray(), [lo.Count], ScalarType.Int64, _device),
                        null);
                }
            default:
                throw new InvalidOperationException($"{_request.Objective} is not a list objective.");
        }
    }
}
