using CascadeDistill.Features;
using CascadeDistill.Students;
using CascadeDistill.Testing.Features;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>
/// The contract that makes ONNX parity possible: the trained module computes exactly
/// <see cref="TowerReference"/> over its exported weights.
/// </summary>
public sealed class TorchTrainedStudentTests(TrainedStudentFixture fixture) : IClassFixture<TrainedStudentFixture>
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EncodeUsers_RandomIdsWithNegativesEmptyAndLongLists_MatchesReferenceForward(int seed)
    {
        FeatureBatch users = new RandomFeatureBatchBuilder(SyntheticDistillationProblem.Features).WithRows(300).Build(seed);
        TwoTowerWeights weights = fixture.Student.ExportWeights();

        float[] actual = fixture.Student.EncodeUsers(users);

        AssertClose(TowerReference.Forward(weights.User, users), actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EncodeItems_RandomIdsWithNegativesAndExtremes_MatchesReferenceForward(int seed)
    {
        FeatureBatch items = new RandomFeatureBatchBuilder(SyntheticDistillationProblem.Features).WithRows(300).Build(seed);
        TwoTowerWeights weights = fixture.Student.ExportWeights();

        float[] actual = fixture.Student.EncodeItems(items);

        AssertClose(TowerReference.Forward(weights.Item, items), actual);
    }

    [Fact]
    public void EncodeUsers_MoreRowsThanOneEncodeBatch_MatchesReferenceForward()
    {
        FeatureBatch users = new RandomFeatureBatchBuilder(SyntheticDistillationProblem.Features).WithRows(5000).Build(3);
        TwoTowerWeights weights = fixture.Student.ExportWeights();

        float[] actual = fixture.Student.EncodeUsers(users);

        Assert.Equal(5000 * weights.EmbeddingDim, actual.Length);
        AssertClose(TowerReference.Forward(weights.User, users), actual);
    }

    [Fact]
    public void EncodeUsers_NoRows_ReturnsEmpty()
    {
        FeatureBatch users = new RandomFeatureBatchBuilder(SyntheticDistillationProblem.Features).WithRows(0).Build(4);

        Assert.Empty(fixture.Student.EncodeUsers(users));
    }

    [Fact]
    public void ExportWeights_TrainedStudent_HasTheDefinedShapeAndStatistics()
    {
        TwoTowerWeights weights = fixture.Student.ExportWeights();

        Assert.Equal(16, weights.EmbeddingDim);
        Assert.Equal(0.2f, weights.Temperature);
        Assert.Equal(["user_id", "user_history", "user_age"], weights.User.Features.Select(f => f.Name));
        Assert.Equal(new[] { 32, 16 }, weights.User.Layers.Select(l => l.OutputWidth));
        Assert.Equal(8 + 8 + 1, weights.User.Layers[0].InputWidth);
        Assert.Equal(8 + 4 + 1, weights.Item.Layers[0].InputWidth);
        Assert.Equal(128, weights.Item.Embeddings["item_id"].Rows);
        Assert.Equal(SyntheticDistillationProblem.Statistics["item_price"], weights.Item.Numerics["item_price"]);
    }

    [Fact]
    public void ParameterCount_TrainedStudent_CountsEveryTrainableValueAndTheBias()
    {
        TwoTowerWeights weights = fixture.Student.ExportWeights();
        long exported = Count(weights.User) + Count(weights.Item);

        Assert.Equal(exported + 1, fixture.Student.ParameterCount);
    }

    [Fact]
    public void Dispose_ThenExportOrEncode_ThrowsObjectDisposed()
    {
        var request = SyntheticDistillationProblem.Request(
            SyntheticDistillationProblem.Training(epochs: 1), SyntheticDistillationProblem.Chunks(count: 1, rows: 64, seed: 5));
        ITrainedStudent student = new TorchStudentTrainer().Train(request, null, CancellationToken.None);
        FeatureBatch users = new RandomFeatureBatchBuilder(SyntheticDistillationProblem.Features).WithRows(4).Build(5);

        student.Dispose();
        student.Dispose();

        Assert.Throws<ObjectDisposedException>(student.ExportWeights);
        Assert.Throws<ObjectDisposedException>(() => student.EncodeUsers(users));
    }

    private static long Count(TowerWeights tower) =>
        tower.Embeddings.Values.Sum(e => (long)e.Values.Length) + tower.Layers.Sum(l => (long)l.Weight.Values.Length + l.Bias.Length);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
