using CascadeDistill.Export;
using CascadeDistill.Features;
using CascadeDistill.Onnx.Runtime;
using CascadeDistill.Students;
using CascadeDistill.Testing.Features;

namespace CascadeDistill.Onnx.Tests.Runtime;

public sealed class OnnxRuntimeVerifierTests
{
    [Fact]
    public void Verify_ExpectedVectorsOffByALittle_ReportsTheDifference()
    {
        using var student = new ExportedStudent();
        TowerWeights tower = student.Weights.User;
        FeatureBatch rows = new RandomFeatureBatchBuilder(tower.Features).WithRows(20).Build(1);
        float[] expected = TowerReference.Forward(tower, rows);
        expected[(13 * tower.OutputWidth) + 2] += 0.01f;

        ParityReport report = new OnnxRuntimeVerifier().Verify(student.Result.UserTowerPath, rows, expected, tower.OutputWidth, CancellationToken.None);

        Assert.False(report.Passes(1e-3));
        Assert.All(report.MaxAbsDiffByCheck.Values, d => Assert.InRange(d, 0.009, 0.011));
    }

    [Fact]
    public void Verify_TruncatedModelFile_ThrowsInvalidDataException()
    {
        using var student = new ExportedStudent();
        byte[] bytes = File.ReadAllBytes(student.Result.UserTowerPath);
        string truncated = Path.Combine(student.Directory, "truncated.onnx");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<InvalidDataException>(() => Verify(truncated, student));

        Assert.Contains("truncated.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a loadable ONNX model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_GarbageModelFile_ThrowsInvalidDataException()
    {
        using var student = new ExportedStudent();
        string garbage = Path.Combine(student.Directory, "garbage.onnx");
        var bytes = new byte[4096];
        new Random(9).NextBytes(bytes);
        File.WriteAllBytes(garbage, bytes);

        Assert.Throws<InvalidDataException>(() => Verify(garbage, student));
    }

    [Fact]
    public void Verify_MissingModelFile_ThrowsFileNotFoundException()
    {
        using var student = new ExportedStudent();

        Assert.Throws<FileNotFoundException>(() => Verify(Path.Combine(student.Directory, "absent.onnx"), student));
    }

    [Fact]
    public void Verify_WrongDimension_ThrowsInvalidDataException()
    {
        using var student = new ExportedStudent();
        TowerWeights tower = student.Weights.User;
        FeatureBatch rows = new RandomFeatureBatchBuilder(tower.Features).WithRows(3).Build(1);

        Assert.Throws<InvalidDataException>(() =>
            new OnnxRuntimeVerifier().Verify(student.Result.UserTowerPath, rows, new float[3 * 4], 4, CancellationToken.None));
    }

    [Fact]
    public void Verify_CancelledToken_ThrowsOperationCanceledException()
    {
        using var student = new ExportedStudent();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Verify(student.Result.UserTowerPath, student, cancellation.Token));
    }

    private static ParityReport Verify(string path, ExportedStudent student, CancellationToken cancellationToken = default)
    {
        TowerWeights tower = student.Weights.User;
        FeatureBatch rows = new RandomFeatureBatchBuilder(tower.Features).WithRows(3).Build(1);
        return new OnnxRuntimeVerifier().Verify(path, rows, TowerReference.Forward(tower, rows), tower.OutputWidth, cancellationToken);
    }
}
