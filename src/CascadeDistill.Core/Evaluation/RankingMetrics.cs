namespace CascadeDistill.Evaluation;

/// <summary>Ranking metrics in plain C#. Scores are ordered descending; ties keep the lower index first.</summary>
public static class RankingMetrics
{
    /// <summary>Indexes of the <paramref name="n"/> highest scores, best first.</summary>
    public static int[] TopN(ReadOnlySpan<float> scores, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        n = Math.Min(n, scores.Length);
        if (n == 0)
        {
            return [];
        }
        // A small min-heap keeps this O(len · log n) for catalogue-sized score vectors.
        var heap = new PriorityQueue<int, (float Score, int NegIndex)>(n + 1);
        for (int i = 0; i < scores.Length; i++)
        {
            heap.Enqueue(i, (scores[i], -i));
            if (heap.Count > n)
            {
                heap.Dequeue();
            }
        }
        var top = new int[n];
        for (int k = n - 1; k >= 0; k--)
        {
            top[k] = heap.Dequeue();
        }
        return top;
    }

    /// <summary>Fraction of <paramref name="relevant"/> found among <paramref name="retrieved"/>; NaN when nothing is relevant.</summary>
    public static double Recall(IReadOnlyCollection<long> relevant, IEnumerable<long> retrieved)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentNullException.ThrowIfNull(retrieved);
        if (relevant.Count == 0)
        {
            return double.NaN;
        }
        var set = relevant as IReadOnlySet<long> ?? relevant.ToHashSet();
        int hits = retrieved.Distinct().Count(set.Contains);
        return (double)hits / relevant.Count;
    }

    /// <summary>
    /// NDCG@k of an order against graded relevance: <c>DCG = Σ_{r=1..k} rel(r) / log2(r + 1)</c>,
    /// divided by the DCG of the ideal order. NaN when no item is relevant.
    /// </summary>
    public static double Ndcg(ReadOnlySpan<int> order, ReadOnlySpan<double> relevance, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        double dcg = 0;
        for (int r = 0; r < Math.Min(k, order.Length); r++)
        {
            dcg += relevance[order[r]] / Math.Log2(r + 2);
        }
        double[] ideal = relevance.ToArray();
        Array.Sort(ideal);
        Array.Reverse(ideal);
        double idcg = 0;
        for (int r = 0; r < Math.Min(k, ideal.Length); r++)
        {
            idcg += ideal[r] / Math.Log2(r + 2);
        }
        return idcg > 0 ? dcg / idcg : double.NaN;
    }

    /// <summary>
    /// Graded relevance from the teacher's final list for NDCG@k: the teacher's position p gives
    /// <c>k + 1 - p</c> for p in 1..k (k for its first item, 1 for its k-th), 0 below k or when cut.
    /// </summary>
    public static double[] TeacherRelevance(ReadOnlySpan<int> positions, int k)
    {
        var relevance = new double[positions.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            int p = positions[i];
            relevance[i] = p >= 1 && p <= k ? k + 1 - p : 0;
        }
        return relevance;
    }

    /// <summary>
    /// 1 when one of the first <paramref name="k"/> candidates of <paramref name="order"/> has a positive
    /// label (> 0.5, as for AUC), 0 when none has; null when the request has no positive label at all (not counted).
    /// </summary>
    public static double? HitAtK(ReadOnlySpan<int> order, ReadOnlySpan<float> labels, int k)
    {
        bool anyPositive = false;
        foreach (float label in labels)
        {
            anyPositive |= label > 0.5f;
        }
        if (!anyPositive)
        {
            return null;
        }
        for (int r = 0; r < Math.Min(k, order.Length); r++)
        {
            if (labels[order[r]] > 0.5f)
            {
                return 1;
            }
        }
        return 0;
    }

    /// <summary>Area under the ROC curve (Mann–Whitney, ties count half); NaN without both classes.</summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException("Scores and labels differ in length.", nameof(labels));
        }
        int[] order = Enumerable.Range(0, scores.Length).ToArray();
        float[] keys = scores.ToArray();
        Array.Sort(keys, order);
        double positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.Length)
        {
            int j = i;
            while (j + 1 < order.Length && keys[j + 1] == keys[i])
            {
                j++;
            }
            double averageRank = ((i + j) / 2.0) + 1.0;
            for (int t = i; t <= j; t++)
            {
                if (labels[order[t]] > 0.5f)
                {
                    positives++;
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        double negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        return (rankSum - (positives * (positives + 1) / 2.0)) / (positives * negatives);
    }
}
