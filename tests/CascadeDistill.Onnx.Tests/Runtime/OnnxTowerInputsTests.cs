using CascadeDistill.Features;
using CascadeDistill.Onnx.Runtime;
using CascadeDistill.Testing.Students;
using Microsoft.ML.OnnxRuntime;

namespace CascadeDistill.Onnx.Tests.Runtime;

public sealed class OnnxTowerInputsTests
{
    private static readonly IReadOnlyList<FeatureDefinition> s_features = RandomTwoTowerWeightsBuilder.Standard().Build(1).User.Features;

    [Fact]
    public void Pad_RaggedLists_PadsToLongestRowWithZerosAndKeepsLengths()
    {
        MultiCategoricalColumn column = MultiCategoricalColumn.FromRows([[4, 5], [], [-1, -2, -3]]);

        PaddedIdList padded = OnnxTowerInputs.Pad(column);

        Assert.Equal(3, padded.Width);
        Assert.Equal([4L, 5, 0, 0, 0, 0, -1, -2, -3], padded.Ids);
        Assert.Equal([2L, 0, 3], padded.Lengths);
    }

    [Fact]
    public void Pad_OnlyEmptyLists_UsesWidthOne()
    {
        PaddedIdList padded = OnnxTowerInputs.Pad(MultiCategoricalColumn.FromRows([[], []]));

        Assert.Equal(1, padded.Width);
        Assert.Equal([0L, 0], padded.Lengths);
    }

    [Fact]
    public void Create_StandardUserBatch_BuildsOneInputPerContractEntry()
    {
        FeatureBatch batch = Batch(new CategoricalColumn([1, 2]));

        using OnnxTowerInputs inputs = OnnxTowerInputs.Create(s_features, batch);

        Assert.Equal(["user_id", "user_tags", "user_tags_length", "user_age"], inputs.Names);
        Assert.Equal([2L, 3], inputs.Values[1].GetTensorTypeAndShape().Shape);
        Assert.Equal([3L, 0], inputs.Values[2].GetTensorDataAsSpan<long>().ToArray());
    }

    [Fact]
    public void Create_ColumnOfWrongType_ThrowsArgumentException()
    {
        FeatureBatch batch = Batch(new NumericColumn([1f, 2f]));

        var ex = Assert.Throws<ArgumentException>(() => OnnxTowerInputs.Create(s_features, batch));

        Assert.Contains("user_id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingFeature_ThrowsArgumentException()
    {
        var batch = new FeatureBatch(1, new Dictionary<string, FeatureColumn>(StringComparer.Ordinal) { ["user_id"] = new CategoricalColumn([1]) });

        var ex = Assert.Throws<ArgumentException>(() => OnnxTowerInputs.Create(s_features, batch));

        Assert.Contains("user_tags", ex.Message, StringComparison.Ordinal);
    }

    private static FeatureBatch Batch(FeatureColumn userId) =>
        new(2, new Dictionary<string, FeatureColumn>(StringComparer.Ordinal)
        {
            ["user_id"] = userId,
            ["user_tags"] = MultiCategoricalColumn.FromRows([[1, 2, 3], []]),
            ["user_age"] = new NumericColumn([20f, 30f]),
        });
}
