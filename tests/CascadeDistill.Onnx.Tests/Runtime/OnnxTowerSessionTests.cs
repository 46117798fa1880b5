using CascadeDistill.Features;
using CascadeDistill.Onnx.Runtime;
using CascadeDistill.Students;
using CascadeDistill.Testing.Features;
using Microsoft.ML.OnnxRuntime;

namespace CascadeDistill.Onnx.Tests.Runtime;

public sealed class OnnxTowerSessionTests
{
    [Fact]
    public void Constructor_ExportedTower_ReadsContractFromMetadata()
    {
        using var student = new ExportedStudent();

        using var session = new OnnxTowerSession(student.Result.ItemTowerPath);

        Assert.Equal(student.Weights.Item.Features, session.Features);
        Assert.Equal("item_embedding", session.OutputName);
        Assert.Equal(8, session.EmbeddingDim);
        Assert.Equal("homefeed", session.Metadata["pipeline"]);
    }

    [Fact]
    public void Run_SameBatchTwice_GivesIdenticalVectors()
    {
        using var student = new ExportedStudent();
        using var session = new OnnxTowerSession(student.Result.ItemTowerPath, GraphOptimizationLevel.ORT_ENABLE_ALL);
        FeatureBatch rows = new RandomFeatureBatchBuilder(student.Weights.Item.Features).WithRows(50).Build(8);

        float[] first = session.Run(rows, CancellationToken.None);
        float[] second = session.Run(rows, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(50 * 8, first.Length);
    }

    [Fact]
    public void Run_OutputRows_AreUnitLength()
    {
        using var student = new ExportedStudent();
        using var session = new OnnxTowerSession(student.Result.UserTowerPath);
        FeatureBatch rows = new RandomFeatureBatchBuilder(student.Weights.User.Features).WithRows(10).Build(4);

        float[] vectors = session.Run(rows, CancellationToken.None);

        for (int r = 0; r < 10; r++)
        {
            double norm = Math.Sqrt(vectors.AsSpan(r * 8, 8).ToArray().Sum(v => (double)v * v));
            Assert.InRange(norm, 1 - 1e-5, 1 + 1e-5);
        }
        Assert.Equal(TowerReference.Forward(student.Weights.User, rows).Length, vectors.Length);
    }
}
