using CascadeDistill.Features;
using CascadeDistill.Torch.Students;
using TorchSharp;

namespace CascadeDistill.Torch.Tests.Students;

public sealed class TowerInputTests
{
    private static readonly FeatureDefinition[] s_features =
    [
        new("id", FeatureSide.User, FeatureKind.Categorical, "id", 10, 2, 0),
        new("tags", FeatureSide.User, FeatureKind.MultiCategorical, "tags", 10, 2, 3),
        new("age", FeatureSide.User, FeatureKind.Numeric, "age", 0, 0, 0),
        new("score", FeatureSide.User, FeatureKind.Numeric, "score", 0, 0, 0),
    ];

    [Fact]
    public void Create_ListsLongerThanMaxLength_TruncatesAndPadsToLongestKeptList()
    {
        FeatureBatch batch = Batch();

        using TowerInput input = TowerInput.Create(s_features, batch, torch.CPU);

        Assert.Equal(new long[] { 3, 3 }, input.Ids(1).shape);
        Assert.Equal(new long[] { 3, 0, 2 }, input.Lengths(1).data<long>().ToArray());
        Assert.Equal(new long[] { 5, -6, 7, 0, 0, 0, -1, 2, 0 }, input.Ids(1).data<long>().ToArray());
    }

    [Fact]
    public void Create_SelectedRows_TakesThemInOrder()
    {
        FeatureBatch batch = Batch();

        using TowerInput input = TowerInput.Create(s_features, batch, [2, 0], torch.CPU);

        Assert.Equal(new long[] { -3, 1 }, input.Ids(0).data<long>().ToArray());
        Assert.Equal(new float[] { 30f, 0.3f, 10f, 0.1f }, input.Numerics!.data<float>().ToArray());
        Assert.Equal(new long[] { 2, 3 }, input.Lengths(1).data<long>().ToArray());
    }

    [Fact]
    public void Create_AllListsEmpty_KeepsOneZeroLengthColumn()
    {
        var batch = new FeatureBatch(2, new Dictionary<string, FeatureColumn>
        {
            ["id"] = new CategoricalColumn([1, 2]),
            ["tags"] = MultiCategoricalColumn.FromRows([Array.Empty<long>(), Array.Empty<long>()]),
            ["age"] = new NumericColumn([1f, 2f]),
            ["score"] = new NumericColumn([1f, 2f]),
        });

        using TowerInput input = TowerInput.Create(s_features, batch, torch.CPU);

        Assert.Equal(new long[] { 2, 1 }, input.Ids(1).shape);
        Assert.Equal(new long[] { 0, 0 }, input.Lengths(1).data<long>().ToArray());
    }

    [Fact]
    public void Create_ColumnOfWrongKind_ThrowsInvalidData()
    {
        var batch = new FeatureBatch(1, new Dictionary<string, FeatureColumn>
        {
            ["id"] = new NumericColumn([1f]),
            ["tags"] = MultiCategoricalColumn.FromRows([new long[] { 1 }]),
            ["age"] = new NumericColumn([1f]),
            ["score"] = new NumericColumn([1f]),
        });

        Assert.Throws<InvalidDataException>(() => TowerInput.Create(s_features, batch, torch.CPU));
    }

    private static FeatureBatch Batch() => new(3, new Dictionary<string, FeatureColumn>
    {
        ["id"] = new CategoricalColumn([1, 2, -3]),
        ["tags"] = MultiCategoricalColumn.FromRows([new long[] { 5, -6, 7, 8, 9 }, Array.Empty<long>(), new long[] { -1, 2 }]),
        ["age"] = new NumericColumn([10f, 20f, 30f]),
        ["score"] = new NumericColumn([0.1f, 0.2f, 0.3f]),
    });
}
