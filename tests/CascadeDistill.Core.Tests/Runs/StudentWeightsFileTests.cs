using CascadeDistill.Features;
using CascadeDistill.Runs;
using CascadeDistill.Students;
using CascadeDistill.Testing;
using CascadeDistill.Testing.Features;
using CascadeDistill.Testing.Students;

namespace CascadeDistill.Core.Tests.Runs;

public sealed class StudentWeightsFileTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void WriteRead_RandomWeights_RestoredStudentEncodesBitForBitLikeTheOriginalWeights()
    {
        TwoTowerWeights weights = RandomTwoTowerWeightsBuilder.Standard().Build(seed: 7);
        string path = _scratch.Combine(StudentWeightsFile.FileName);

        StudentWeightsFile.Write(path, weights);
        TwoTowerWeights read = StudentWeightsFile.Read(path, weights.User.Features, weights.Item.Features);

        Assert.Equal(weights.Temperature, read.Temperature);
        FeatureBatch users = new RandomFeatureBatchBuilder(weights.User.Features).WithRows(17).Build(seed: 3);
        FeatureBatch items = new RandomFeatureBatchBuilder(weights.Item.Features).WithRows(23).Build(seed: 4);
        using var student = new CheckpointedStudent(read, [], 0);
        Assert.Equal(TowerReference.Forward(weights.User, users), student.EncodeUsers(users));
        Assert.Equal(TowerReference.Forward(weights.Item, items), student.EncodeItems(items));
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsInvalidData()
    {
        TwoTowerWeights weights = RandomTwoTowerWeightsBuilder.Standard().Build(seed: 7);
        string path = _scratch.Combine(StudentWeightsFile.FileName);
        StudentWeightsFile.Write(path, weights);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Assert.Throws<InvalidDataException>(() => StudentWeightsFile.Read(path, weights.User.Features, weights.Item.Features));
    }

    [Fact]
    public void Read_FeatureTheFileHasNoParametersFor_ThrowsInvalidData()
    {
        TwoTowerWeights weights = RandomTwoTowerWeightsBuilder.Standard().Build(seed: 7);
        string path = _scratch.Combine(StudentWeightsFile.FileName);
        StudentWeightsFile.Write(path, weights);
        FeatureDefinition extra = new("not_trained", FeatureSide.User, FeatureKind.Categorical, "not_trained", 4, 2, 0);

        InvalidDataException error = Assert.Throws<InvalidDataException>(
            () => StudentWeightsFile.Read(path, [.. weights.User.Features, extra], weights.Item.Features));
        Assert.Contains("not_trained", error.Message, StringComparison.Ordinal);
    }
}
