namespace CascadeDistill.Quality;

/// <summary>Jensen–Shannon divergence of two histograms on the same bins, in bits (log base 2): 0 for the same distribution, 1 for disjoint ones.</summary>
public static class JensenShannon
{
    /// <summary>JS(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M), M = ½ (P + Q), with P and Q the normalised counts; 0 when either histogram is empty.</summary>
    public static double Divergence(IReadOnlyList<long> p, IReadOnlyList<long> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Count != q.Count)
        {
            throw new ArgumentException($"The histograms have {p.Count} and {q.Count} bins.", nameof(q));
        }
        double sumP = p.Sum();
        double sumQ = q.Sum();
        if (sumP == 0 || sumQ == 0)
        {
            return 0;
        }
        double divergence = 0;
        for (int i = 0; i < p.Count; i++)
        {
            double pi = p[i] / sumP;
            double qi = q[i] / sumQ;
            double mi = (pi + qi) / 2;
            if (pi > 0)
            {
                divergence += 0.5 * pi * Math.Log2(pi / mi);
            }
            if (qi > 0)
            {
                divergence += 0.5 * qi * Math.Log2(qi / mi);
            }
        }
        return Math.Clamp(divergence, 0, 1);
    }
}
