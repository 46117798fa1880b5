using CascadeDistill.Features;
using CascadeDistill.Runs;
using CascadeDistill.Students;
using CascadeDistill.Testing;

namespace CascadeDistill.Core.Tests.Students;

/// <summary>Per-objective heads in the reference forward: each head's slice normalised on its own, then scaled.</summary>
public sealed class TowerReferenceHeadsTests
{
    // One numeric feature x standardised with mean 0, std 1; one layer 1 → 4: y = x · [3, 4, 0, 2].
    private static readonly FeatureDefinition s_x = new("x", FeatureSide.User, FeatureKind.Numeric, "x", 0, 0, 0);

    private static TowerWeights Tower(float[] column, TowerHeads? heads) =>
        new([s_x], new Dictionary<string, DenseMatrix>(), new Dictionary<string, NumericStatistics> { ["x"] = new(0f, 1f) },
            [new DenseLayer(new DenseMatrix(4, 1, column), [0, 0, 0, 0])])
        { Heads = heads };

    private static FeatureBatch Rows(params float[] x) => new(x.Length, new Dictionary<string, FeatureColumn> { ["x"] = new NumericColumn(x) });

    [Fact]
    public void Forward_TwoHeads_NormalisesEachSliceThenScales()
    {
        TowerWeights tower = Tower([3, 4, 0, 2], new TowerHeads(["click", "finish"], [1f, 0.5f]));

        float[] serving = TowerReference.Forward(tower, Rows(1f, 2f));
        float[] heads = TowerReference.ForwardHeads(tower, Rows(1f, 2f));

        // Head click: [3, 4] / 5 = [0.6, 0.8]; head finish: [0, 2] / 2 = [0, 1]; the same for x = 2 (scale invariant).
        Assert.Equal([0.6f, 0.8f, 0f, 1f, 0.6f, 0.8f, 0f, 1f], heads);
        Assert.Equal([0.6f, 0.8f, 0f, 0.5f, 0.6f, 0.8f, 0f, 0.5f], serving);
        Assert.Equal(2, tower.HeadWidth);
    }

    [Fact]
    public void Forward_WithoutHeads_OneNormalisationOverTheWholeOutput()
    {
        float[] output = TowerReference.Forward(Tower([3, 4, 0, 0], null), Rows(1f));

        Assert.Equal([0.6f, 0.8f, 0f, 0f], output);
        Assert.Equal(output, TowerReference.ForwardHeads(Tower([3, 4, 0, 0], null), Rows(1f)));
    }

    [Fact]
    public void FusedScore_ServingDotProduct_IsTheFusionWeightedSumOfHeadScores()
    {
        // User heads [0.6, 0.8] and [0, 1] scaled by fusion weights 1 and 0.5; item heads from y = [4, 3, 1, 0]:
        // [0.8, 0.6] and [1, 0]. Head scores: 0.6·0.8 + 0.8·0.6 = 0.96 and 0·1 + 1·0 = 0; fused 1·0.96 + 0.5·0 = 0.96.
        // Item y = [0, 1, 0, 3]: heads [0, 1] and [0, 1]: scores 0.8 and 1; fused 0.8 + 0.5 = 1.3.
        TowerWeights user = Tower([3, 4, 0, 2], new TowerHeads(["click", "finish"], [1f, 0.5f]));
        var itemFeature = new FeatureDefinition("x", FeatureSide.Item, FeatureKind.Numeric, "x", 0, 0, 0);
        float[] u = TowerReference.Forward(user, Rows(1f));
        float[] first = TowerReference.Forward(Tower([4, 3, 1, 0], TowerHeads.Unscaled(["click", "finish"])) with { Features = [itemFeature] }, Rows(1f));
        float[] second = TowerReference.Forward(Tower([0, 1, 0, 3], TowerHeads.Unscaled(["click", "finish"])) with { Features = [itemFeature] }, Rows(1f));

        Assert.Equal(0.96, u.Zip(first, (a, b) => (double)a * b).Sum(), 6);
        Assert.Equal(1.3, u.Zip(second, (a, b) => (double)a * b).Sum(), 6);
    }

    [Fact]
    public void WeightsFile_WithHeads_RoundTripsHeadsAndVectors()
    {
        using var scratch = new ScratchDirectory();
        var itemFeature = new FeatureDefinition("x", FeatureSide.Item, FeatureKind.Numeric, "x", 0, 0, 0);
        var weights = new TwoTowerWeights(
            Tower([3, 4, 0, 2], new TowerHeads(["click", "finish"], [1f, 0.5f])),
            Tower([4, 3, 1, 0], TowerHeads.Unscaled(["click", "finish"])) with { Features = [itemFeature] },
            0.1f);
        string path = scratch.Combine(StudentWeightsFile.FileName);

        StudentWeightsFile.Write(path, weights);
        TwoTowerWeights read = StudentWeightsFile.Read(path, [s_x], [itemFeature]);
        using var student = new CheckpointedStudent(read, [], 0);

        Assert.Equal(["click", "finish"], read.User.Heads!.Names);
        Assert.Equal([1f, 0.5f], read.User.Heads.Scales);
        Assert.Equal([1f, 1f], read.Item.Heads!.Scales);
        Assert.Equal(["click", "finish"], student.HeadNames);
        Assert.Equal(TowerReference.Forward(weights.User, Rows(2f)), student.EncodeUsers(Rows(2f)));
        Assert.Equal([0.6f, 0.8f, 0f, 1f], student.EncodeUserHeads(Rows(2f)));
    }
}
