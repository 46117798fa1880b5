using CascadeDistill.Features;
using CascadeDistill.Students;

namespace CascadeDistill.Core.Tests.Students;

public sealed class TowerReferenceTests
{
    [Fact]
    public void Forward_HandComputedTower_MatchesDefinition()
    {
        // One categorical (3 buckets, dim 2), one multi (2 buckets, dim 2, max 2), one numeric; one identity-like layer.
        FeatureDefinition cat = new("c", FeatureSide.User, FeatureKind.Categorical, "c", 3, 2, 0);
        FeatureDefinition multi = new("m", FeatureSide.User, FeatureKind.MultiCategorical, "m", 2, 2, 2);
        FeatureDefinition num = new("x", FeatureSide.User, FeatureKind.Numeric, "x", 0, 0, 0);
        var weights = new TowerWeights(
            [cat, multi, num],
            new Dictionary<string, DenseMatrix>
            {
                ["c"] = new(3, 2, [1, 0, 0, 1, 1, 1]),
                ["m"] = new(2, 2, [2, 0, 0, 2]),
            },
            new Dictionary<string, NumericStatistics> { ["x"] = new(1f, 2f) },
            // 5 inputs → 2 outputs: y0 = in0 + in2 + in4, y1 = in1 + in3.
            [new DenseLayer(new DenseMatrix(2, 5, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0]), [0, 0])]);
        var batch = new FeatureBatch(2, new Dictionary<string, FeatureColumn>
        {
            // id -1 → floor_mod(-1, 3) = 2 → [1, 1]; id 4 → bucket 1 → [0, 1].
            ["c"] = new CategoricalColumn([-1, 4]),
            // Row 0: ids [0, 1, 0] → first two pooled: mean([2,0],[0,2]) = [1,1]. Row 1: empty → [0,0].
            ["m"] = new MultiCategoricalColumn([0, 1, 0], [0, 3, 3]),
            ["x"] = new NumericColumn([5f, 1f]),
        });

        float[] output = TowerReference.Forward(weights, batch);

        // Row 0: inputs [1,1, 1,1, 2] → y = [1+1+2, 1+1] = [4, 2] → /sqrt(20).
        Assert.Equal(4 / Math.Sqrt(20), output[0], 5);
        Assert.Equal(2 / Math.Sqrt(20), output[1], 5);
        // Row 1: inputs [0,1, 0,0, 0] → y = [0, 1] → [0, 1].
        Assert.Equal(0, output[2], 5);
        Assert.Equal(1, output[3], 5);
    }

    [Theory]
    [InlineData(7, 3, 1)]
    [InlineData(-1, 3, 2)]
    [InlineData(-3, 3, 0)]
    [InlineData(long.MinValue, 7, 6)]
    public void Bucket_IsFloorModulo(long id, int buckets, long expected) =>
        Assert.Equal(expected, FeatureDefinition.Bucket(id, buckets));
}
