using CascadeDistill.Features;
using CascadeDistill.Onnx.Contracts;
using CascadeDistill.Testing.Students;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CascadeDistill.Onnx.Tests.Contracts;

public sealed class TowerInputContractTests
{
    [Fact]
    public void InputMetadata_ExportedUserTower_IsThePublishedContract()
    {
        using var student = new ExportedStudent();
        using var options = new SessionOptions();
        using var session = new InferenceSession(student.Result.UserTowerPath, options);

        // Written out by hand on purpose: this is the contract serving code is written against.
        Assert.Equal(["user_id", "user_tags", "user_tags_length", "user_age"], session.InputNames);
        AssertTensor(session.InputMetadata["user_id"], TensorElementType.Int64, ["batch"]);
        AssertTensor(session.InputMetadata["user_tags"], TensorElementType.Int64, ["batch", "user_tags_len"]);
        AssertTensor(session.InputMetadata["user_tags_length"], TensorElementType.Int64, ["batch"]);
        AssertTensor(session.InputMetadata["user_age"], TensorElementType.Float, ["batch"]);
        Assert.Equal(["user_embedding"], session.OutputNames);
        NodeMetadata output = session.OutputMetadata["user_embedding"];
        Assert.Equal(TensorElementType.Float, output.ElementDataType);
        Assert.Equal([-1, 8], output.Dimensions);
        Assert.Equal("batch", output.SymbolicDimensions[0]);
    }

    [Fact]
    public void InputMetadata_ExportedItemTower_HasItemOutputName()
    {
        using var student = new ExportedStudent();
        using var options = new SessionOptions();
        using var session = new InferenceSession(student.Result.ItemTowerPath, options);

        Assert.Equal(["item_id", "item_categories", "item_categories_length", "item_price", "item_ctr"], session.InputNames);
        Assert.Equal(["item_embedding"], session.OutputNames);
    }

    [Fact]
    public void Parse_WrittenContract_RoundTrips()
    {
        IReadOnlyList<FeatureDefinition> features = RandomTwoTowerWeightsBuilder.Standard().Build(1).User.Features;
        IReadOnlyList<TowerInput> inputs = TowerInputContract.For(features);

        IReadOnlyList<TowerInput> parsed = TowerInputJson.Parse(TowerInputJson.Write(inputs));

        Assert.Equal(inputs.Count, parsed.Count);
        for (int i = 0; i < inputs.Count; i++)
        {
            Assert.Equal(inputs[i].Name, parsed[i].Name);
            Assert.Equal(inputs[i].ElementType, parsed[i].ElementType);
            Assert.Equal(inputs[i].Shape, parsed[i].Shape);
            Assert.Equal(inputs[i].Role, parsed[i].Role);
            Assert.Equal(inputs[i].Feature, parsed[i].Feature);
        }
        Assert.Equal(features, TowerInputContract.Features(parsed));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[{\"name\":\"x\"}]")]
    [InlineData("[{\"name\":\"x\",\"dtype\":\"int64\",\"shape\":[\"batch\"],\"role\":\"ids\",\"feature\":\"x\",\"side\":\"user\",\"kind\":\"weird\",\"column\":\"x\",\"hash_buckets\":1,\"embedding_dim\":1,\"max_length\":0}]")]
    public void Parse_MalformedContract_ThrowsInvalidDataException(string text)
    {
        Assert.Throws<InvalidDataException>(() => TowerInputJson.Parse(text));
    }

    private static void AssertTensor(NodeMetadata metadata, TensorElementType type, string[] symbolicDims)
    {
        Assert.True(metadata.IsTensor);
        Assert.Equal(type, metadata.ElementDataType);
        Assert.Equal(symbolicDims, metadata.SymbolicDimensions);
        Assert.All(metadata.Dimensions, d => Assert.Equal(-1, d));
    }
}
