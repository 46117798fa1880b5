namespace CascadeDistill.Datasets.Pairwise;

/// <summary>Pair weights: position decay and LambdaRank's |ΔNDCG| (gain <c>2^g − 1</c>, discount <c>1 / log2(1 + rank)</c>).</summary>
public static class PairWeights
{
    /// <summary><c>1 / log2(1 + rank)</c> for a 1-based rank.</summary>
    public static double Discount(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        return 1.0 / Math.Log2(1.0 + rank);
    }

    /// <summary><c>2^grade − 1</c>.</summary>
    public static double Gain(int grade)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(grade);
        return Math.Pow(2.0, grade) - 1.0;
    }

    /// <summary>The DCG of the ideal order of <paramref name="grades"/>.</summary>
    public static double IdealDcg(ReadOnlySpan<int> grades)
    {
        int[] sorted = grades.ToArray();
        Array.Sort(sorted, (a, b) => b.CompareTo(a));
        double dcg = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            dcg += Gain(sorted[i]) * Discount(i + 1);
        }
        return dcg;
    }

    /// <summary>
    /// |ΔNDCG| of swapping two items at ranks <paramref name="rankA"/> and <paramref name="rankB"/>:
    /// <c>|G(a) − G(b)| · |D(rank_a) − D(rank_b)| / IDCG</c>; 0 when <paramref name="idealDcg"/> is 0.
    /// </summary>
    public static double DeltaNdcg(int gradeA, int rankA, int gradeB, int rankB, double idealDcg)
    {
        if (idealDcg <= 0)
        {
            return 0;
        }
        return Math.Abs(Gain(gradeA) - Gain(gradeB)) * Math.Abs(Discount(rankA) - Discount(rankB)) / idealDcg;
    }
}
