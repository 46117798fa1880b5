using CascadeDistill.Quality;

namespace CascadeDistill.Core.Tests.Quality;

/// <summary>Jensen–Shannon divergence in bits, against values computed by hand.</summary>
public sealed class JensenShannonTests
{
    [Fact]
    public void Divergence_SameShapeDifferentCounts_IsZero() =>
        Assert.Equal(0, JensenShannon.Divergence([2, 6, 2], [1, 3, 1]), 12);

    [Fact]
    public void Divergence_DisjointHistograms_IsOneBit() =>
        Assert.Equal(1, JensenShannon.Divergence([5, 0], [0, 7]), 12);

    [Fact]
    public void Divergence_MirroredQuarters_MatchesHandComputation()
    {
        // P = (3/4, 1/4), Q = (1/4, 3/4), M = (1/2, 1/2):
        // KL(P‖M) = 3/4·log2(3/2) + 1/4·log2(1/2) = 0.75·0.5849625 − 0.25 = 0.1887219 = KL(Q‖M); JS = 0.1887219.
        Assert.Equal(0.75 * Math.Log2(1.5) - 0.25, JensenShannon.Divergence([3, 1], [1, 3]), 12);
        Assert.Equal(0.1887219, JensenShannon.Divergence([3, 1], [1, 3]), 6);
    }

    [Fact]
    public void Divergence_PointMassAgainstUniform_MatchesHandComputation()
    {
        // P = (1, 0), Q = (1/2, 1/2), M = (3/4, 1/4): KL(P‖M) = log2(4/3) = 0.4150375,
        // KL(Q‖M) = 1/2·log2(2/3) + 1/2·log2(2) = 0.2075187; JS = (0.4150375 + 0.2075187) / 2 = 0.3112781.
        Assert.Equal(0.3112781, JensenShannon.Divergence([4, 0], [9, 9]), 6);
        Assert.Equal(JensenShannon.Divergence([4, 0], [9, 9]), JensenShannon.Divergence([9, 9], [4, 0]), 12);
    }

    [Fact]
    public void Divergence_EmptyHistogram_IsZero() => Assert.Equal(0, JensenShannon.Divergence([0, 0], [1, 2]));

    [Fact]
    public void Divergence_DifferentBinCounts_Throws() =>
        Assert.Throws<ArgumentException>(() => JensenShannon.Divergence([1, 2], [1, 2, 3]));
}
