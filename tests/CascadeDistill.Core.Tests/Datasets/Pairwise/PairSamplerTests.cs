using CascadeDistill.Datasets;
using CascadeDistill.Datasets.Pairwise;

namespace CascadeDistill.Core.Tests.Datasets.Pairwise;

public sealed class PairSamplerTests
{
    // Six candidates; positions 3, 1, cut, 2, 4, cut → ranks 3, 1, 5, 2, 4, 5 (both cut items tie
    // at rank 5, below every listed item). Teacher order by index: 1, 3, 0, 4, then 2 and 5 tied.
    private static readonly int[] s_positions = [3, 1, 0, 2, 4, 0];

    [Fact]
    public void Sample_AllWithinTopM_PairsEveryRankedCoupleInTopM()
    {
        var pairs = Pairs(Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 3, MaxPairsPerList = null }));

        Assert.Equal([(1, 3), (1, 0), (3, 0)], pairs);
    }

    [Fact]
    public void Sample_AllWithinTopM_ListShorterThanM_PairsEverythingButTiedCutItems()
    {
        var pairs = Pairs(Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 50, MaxPairsPerList = null }));

        // C(6, 2) = 15 couples minus the tied cut couple (2, 5).
        Assert.Equal(
            [(1, 3), (1, 0), (1, 4), (1, 2), (1, 5), (3, 0), (3, 4), (3, 2), (3, 5), (0, 4), (0, 2), (0, 5), (4, 2), (4, 5)],
            pairs);
    }

    [Fact]
    public void Sample_TopKVersusSampled_DrawsSDistinctLowerItemsPerTopItem()
    {
        var pairs = Pairs(Sampler(new() { Strategy = PairSamplingStrategy.TopKVersusSampled, TopK = 2, SampledPerItem = 2, MaxPairsPerList = null }));

        int[] ranks = TeacherRanks.FromPositions(s_positions);
        Assert.Equal(4, pairs.Count);
        Assert.Equal([1, 1, 3, 3], pairs.Select(p => p.Hi));
        Assert.All(pairs, p => Assert.True(ranks[p.Hi] < ranks[p.Lo]));
        Assert.Equal(2, pairs.Where(p => p.Hi == 1).Select(p => p.Lo).Distinct().Count());
        Assert.Equal(2, pairs.Where(p => p.Hi == 3).Select(p => p.Lo).Distinct().Count());
    }

    [Fact]
    public void Sample_TopKVersusSampled_FewerLowerItemsThanS_TakesThemAll()
    {
        var pairs = Pairs(Sampler(new() { Strategy = PairSamplingStrategy.TopKVersusSampled, TopK = 2, SampledPerItem = 10, MaxPairsPerList = null }));

        Assert.Equal([(1, 3), (1, 0), (1, 4), (1, 2), (1, 5), (3, 0), (3, 4), (3, 2), (3, 5)], pairs);
    }

    [Theory]
    [InlineData(2, 1, new[] { 3, 0 })]
    [InlineData(2, 2, new[] { 1, 0, 1, 4, 3, 0, 3, 4 })]
    [InlineData(3, 2, new[] { 3, 4, 3, 2, 3, 5, 0, 4, 0, 2, 0, 5 })]
    public void Sample_HardBoundary_PairsRanksJustAboveKWithRanksJustBelow(int k, int h, int[] expectedFlat)
    {
        var pairs = Pairs(Sampler(new() { Strategy = PairSamplingStrategy.HardBoundary, TopK = k, BoundaryWidth = h, MaxPairsPerList = null }));

        Assert.Equal(expectedFlat.Chunk(2).Select(p => (p[0], p[1])), pairs);
    }

    [Fact]
    public void Sample_HardBoundary_ListShorterThanK_HasNoPairs()
    {
        var pairs = Pairs(Sampler(new() { Strategy = PairSamplingStrategy.HardBoundary, TopK = 10, BoundaryWidth = 2 }));

        Assert.Empty(pairs);
    }

    [Theory]
    [InlineData(PairSamplingStrategy.AllWithinTopM)]
    [InlineData(PairSamplingStrategy.TopKVersusSampled)]
    [InlineData(PairSamplingStrategy.HardBoundary)]
    public void Sample_AllCutOrSingleItem_HasNoPairs(PairSamplingStrategy strategy)
    {
        var sampler = Sampler(new() { Strategy = strategy, TopK = 1, BoundaryWidth = 1 });

        Assert.Empty(sampler.Sample("r", [0, 0, 0, 0]));
        Assert.Empty(sampler.Sample("r", [1]));
        Assert.Empty(sampler.Sample("r", []));
    }

    [Fact]
    public void Sample_Cap_KeepsASubsetInGenerationOrder()
    {
        var all = Pairs(Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 50, MaxPairsPerList = null }));
        var capped = Pairs(Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 50, MaxPairsPerList = 5 }));

        Assert.Equal(5, capped.Count);
        Assert.Equal(5, capped.Distinct().Count());
        Assert.All(capped, p => Assert.Contains(p, all));
        var indices = capped.Select(p => all.IndexOf(p)).ToList();
        Assert.Equal(indices.Order(), indices);
    }

    [Fact]
    public void Sample_CapAboveCount_KeepsEveryPair()
    {
        var capped = Pairs(Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 3, MaxPairsPerList = 3 }));

        Assert.Equal([(1, 3), (1, 0), (3, 0)], capped);
    }

    [Fact]
    public void Sample_SameSeedAndRequest_SamePairs_OtherSeedOrRequest_OtherPairs()
    {
        var definition = new PairSamplingDefinition { Strategy = PairSamplingStrategy.TopKVersusSampled, TopK = 10, SampledPerItem = 3, MaxPairsPerList = 12 };
        int[] positions = [.. Enumerable.Range(1, 30)];

        var first = new PairSampler(definition, seed: 7).Sample("req-1", positions);
        var again = new PairSampler(definition, seed: 7).Sample("req-1", positions);
        var otherSeed = new PairSampler(definition, seed: 8).Sample("req-1", positions);
        var otherRequest = new PairSampler(definition, seed: 7).Sample("req-2", positions);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.NotEqual(first, otherRequest);
    }

    [Fact]
    public void Sample_PositionDecay_WeighsByTheHigherItemsRank()
    {
        var pairs = Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 3, Weighting = PairWeighting.PositionDecay })
            .Sample("r", s_positions);

        // (1, 3) and (1, 0): rank 1 → 1 / log2(2) = 1; (3, 0): rank 2 → 1 / log2(3).
        Assert.Equal([1f, 1f, (float)(1 / Math.Log2(3))], pairs.Select(p => p.Weight));
    }

    [Fact]
    public void Sample_DeltaNdcg_HandComputedFourItemList()
    {
        // Positions 1..4 with grades 3, 2, 1, 0. Gains 7, 3, 1, 0; discounts 1, 1/log2 3, 1/2, 1/log2 5.
        // IDCG = 7 + 3/log2 3 + 1/2 = 9.3927893; ΔNDCG(i, j) = |G_i − G_j|·|D_i − D_j| / IDCG.
        var pairs = Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 4, Weighting = PairWeighting.DeltaNdcg })
            .Sample("r", [1, 2, 3, 4], [3, 2, 1, 0]);

        double idcg = 7 + (3 / Math.Log2(3)) + 0.5;
        double[] expected =
        [
            4 * (1 - (1 / Math.Log2(3))) / idcg,                  // (0, 1)
            6 * (1 - 0.5) / idcg,                                 // (0, 2)
            7 * (1 - (1 / Math.Log2(5))) / idcg,                  // (0, 3)
            2 * ((1 / Math.Log2(3)) - 0.5) / idcg,                // (1, 2)
            3 * ((1 / Math.Log2(3)) - (1 / Math.Log2(5))) / idcg, // (1, 3)
            1 * (0.5 - (1 / Math.Log2(5))) / idcg,                // (2, 3)
        ];
        Assert.Equal([(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)], pairs.Select(p => (p.IndexHi, p.IndexLo)));
        Assert.Equal(0.1571717, pairs[0].Weight, 1e-6); // computed independently (Python) for the first pair
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], pairs[i].Weight, 1e-6);
        }
    }

    [Fact]
    public void Sample_DeltaNdcg_EqualsTheNdcgChangeOfActuallySwappingThePair()
    {
        int[] grades = [3, 2, 1, 0];
        var pairs = Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 4, Weighting = PairWeighting.DeltaNdcg })
            .Sample("r", [1, 2, 3, 4], grades);

        foreach (RankedPair pair in pairs)
        {
            int[] swapped = [.. grades];
            (swapped[pair.IndexHi], swapped[pair.IndexLo]) = (swapped[pair.IndexLo], swapped[pair.IndexHi]);
            Assert.Equal(Ndcg(grades) - Ndcg(swapped), pair.Weight, 1e-6);
        }
    }

    [Fact]
    public void Sample_DeltaNdcg_DropsEqualGradePairsAndAllZeroLists()
    {
        var sampler = Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, TopM = 4, Weighting = PairWeighting.DeltaNdcg });

        var pairs = sampler.Sample("r", [1, 2, 3, 4], [2, 2, 0, 0]);

        Assert.Equal([(0, 2), (0, 3), (1, 2), (1, 3)], pairs.Select(p => (p.IndexHi, p.IndexLo)));
        Assert.Empty(sampler.Sample("r", [1, 2, 3, 4], [0, 0, 0, 0]));
    }

    [Fact]
    public void Sample_DeltaNdcgWithoutGrades_Throws()
    {
        var sampler = Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM, Weighting = PairWeighting.DeltaNdcg });

        Assert.Throws<ArgumentException>(() => sampler.Sample("r", [1, 2, 3]));
    }

    [Fact]
    public void Sample_NegativePosition_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => Sampler(new() { Strategy = PairSamplingStrategy.AllWithinTopM }).Sample("r", [1, -2]));
    }

    [Fact]
    public void Constructor_InvalidDefinition_ListsEveryError()
    {
        var definition = new PairSamplingDefinition { Strategy = PairSamplingStrategy.HardBoundary, TopK = 0, BoundaryWidth = 5, MaxPairsPerList = 0 };

        var error = Assert.Throws<RecipeDefinitionException>(() => new PairSampler(definition, 1));

        Assert.Equal(3, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.StartsWith("top_k:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("boundary_width:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("max_pairs_per_list:", StringComparison.Ordinal));
    }

    private static PairSampler Sampler(PairSamplingDefinition definition) => new(definition, seed: 42);

    private static List<(int Hi, int Lo)> Pairs(PairSampler sampler) =>
        [.. sampler.Sample("request-1", s_positions).Select(p => (p.IndexHi, p.IndexLo))];

    private static double Ndcg(int[] gradesInRankOrder)
    {
        double dcg = 0;
        for (int i = 0; i < gradesInRankOrder.Length; i++)
        {
            dcg += (Math.Pow(2, gradesInRankOrder[i]) - 1) / Math.Log2(i + 2);
        }
        return dcg / PairWeights.IdealDcg(gradesInRankOrder);
    }
}
