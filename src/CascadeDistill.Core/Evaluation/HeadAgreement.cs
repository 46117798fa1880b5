using System.Globalization;
using CascadeDistill.Logs;
using CascadeDistill.Training;

namespace CascadeDistill.Evaluation;

/// <summary>
/// Teacher agreement of each per-objective head with its own objective: per request, the head's scores
/// <c>dot(u_k, v_k)</c> over the candidates ordered descending, NDCG@k against the order of the teacher's
/// logit of that objective alone (<see cref="ObjectiveRelevance"/>); the mean over requests, stored as
/// <see cref="HeadNdcg"/>. The fused score keeps the usual metrics against the teacher's final order.
/// </summary>
public static class HeadAgreement
{
    /// <summary>NDCG@k of objective <paramref name="objective"/>'s head against that objective's teacher order.</summary>
    public static string HeadNdcg(string objective, int k) => string.Create(CultureInfo.InvariantCulture, $"{objective}_head_ndcg@{k}");

    /// <summary>Metric name → mean over the requests, one per head.</summary>
    public static IReadOnlyDictionary<string, double> Evaluate(IMultiHeadStudent student, IReadOnlyList<RequestBlock> requests, int k, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(requests);
        IReadOnlyList<string> heads = student.HeadNames;
        var sums = new double[heads.Count];
        var counts = new int[heads.Count];
        foreach (RequestBlock block in requests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[] users = student.EncodeUserHeads(block.Features.Slice(0, 1));
            float[] items = student.EncodeItemHeads(block.Features);
            int width = users.Length / heads.Count;
            for (int h = 0; h < heads.Count; h++)
            {
                if (!block.TeacherLogits.TryGetValue(heads[h], out float[]? logits))
                {
                    throw new InvalidDataException($"Request {block.RequestId} has no teacher logits for objective '{heads[h]}', which its head is judged against.");
                }
                float[] scores = HeadScores(users, items, block.Count, heads.Count, width, h);
                double ndcg = RankingMetrics.Ndcg(RankingMetrics.TopN(scores, scores.Length), ObjectiveRelevance(logits, k), k);
                if (!double.IsNaN(ndcg))
                {
                    sums[h] += ndcg;
                    counts[h]++;
                }
            }
        }
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int h = 0; h < heads.Count; h++)
        {
            metrics[HeadNdcg(heads[h], k)] = counts[h] == 0 ? double.NaN : sums[h] / counts[h];
        }
        return metrics;
    }

    /// <summary>
    /// Graded relevance from one objective's teacher logits: the candidate with the r-th highest logit
    /// (ties: lower index first) gets <c>k + 1 - r</c> for r in 1..k, every other candidate 0 — the same
    /// grading as <see cref="RankingMetrics.TeacherRelevance"/> with the objective's order as the list.
    /// </summary>
    public static double[] ObjectiveRelevance(ReadOnlySpan<float> logits, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int[] top = RankingMetrics.TopN(logits, k);
        var relevance = new double[logits.Length];
        for (int r = 0; r < top.Length; r++)
        {
            relevance[top[r]] = k - r;
        }
        return relevance;
    }

    /// <summary>Head <paramref name="head"/>'s score of each item: the dot product of its slices of the user and item rows.</summary>
    public static float[] HeadScores(ReadOnlySpan<float> user, ReadOnlySpan<float> items, int rows, int heads, int width, int head)
    {
        var scores = new float[rows];
        ReadOnlySpan<float> u = user.Slice(head * width, width);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> v = items.Slice((r * heads + head) * width, width);
            float sum = 0;
            for (int d = 0; d < width; d++)
            {
                sum += u[d] * v[d];
            }
            scores[r] = sum;
        }
        return scores;
    }
}
