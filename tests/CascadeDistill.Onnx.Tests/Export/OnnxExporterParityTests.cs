using System.Globalization;
using CascadeDistill.Export;
using CascadeDistill.Features;
using CascadeDistill.Onnx.Runtime;
using CascadeDistill.Students;
using CascadeDistill.Testing.Features;
using Xunit.Abstractions;

namespace CascadeDistill.Onnx.Tests.Export;

/// <summary>The exporter's contract test: ONNX Runtime outputs equal <see cref="TowerReference.Forward"/>.</summary>
public sealed class OnnxExporterParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(17, FeatureSide.User)]
    [InlineData(17, FeatureSide.Item)]
    [InlineData(2024, FeatureSide.User)]
    [InlineData(2024, FeatureSide.Item)]
    public void Export_RandomStudent_OnnxRuntimeMatchesReferenceUnderEveryCheck(int seed, FeatureSide side)
    {
        using var student = new ExportedStudent(seed);
        (TowerWeights tower, string path) = side == FeatureSide.User
            ? (student.Weights.User, student.Result.UserTowerPath)
            : (student.Weights.Item, student.Result.ItemTowerPath);
        FeatureBatch rows = new RandomFeatureBatchBuilder(tower.Features).WithRows(1030).Build(seed + 1);
        float[] expected = TowerReference.Forward(tower, rows);

        ParityReport report = new OnnxRuntimeVerifier().Verify(path, rows, expected, tower.OutputWidth, CancellationToken.None);

        foreach ((string check, double diff) in report.MaxAbsDiffByCheck)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed} {side} {check}: max |diff| = {diff:E3}"));
        }
        Assert.Equal(OnnxRuntimeVerifier.CheckNames, report.MaxAbsDiffByCheck.Keys);
        Assert.All(report.MaxAbsDiffByCheck, kv => Assert.InRange(kv.Value, 0, Tolerance));
        Assert.True(report.Passes(Tolerance));
        Assert.Equal(1030, report.Rows);
    }

    [Fact]
    public void Export_BatchesWithOnlyEdgeCases_MatchReference()
    {
        using var student = new ExportedStudent();
        TowerWeights tower = student.Weights.User;
        var rows = new FeatureBatch(5, new Dictionary<string, FeatureColumn>(StringComparer.Ordinal)
        {
            ["user_id"] = new CategoricalColumn([long.MinValue, long.MaxValue, -1, -97, -98]),
            ["user_tags"] = MultiCategoricalColumn.FromRows(
            [
                [],
                [-5, -31, long.MinValue, 7, 8, 9, 10, 11, 12],
                [3],
                [],
                [1, 2, 3, 4],
            ]),
            ["user_age"] = new NumericColumn([0f, -1e6f, 35.5f, 1e-3f, 100f]),
        });
        float[] expected = TowerReference.Forward(tower, rows);

        ParityReport report = new OnnxRuntimeVerifier().Verify(student.Result.UserTowerPath, rows, expected, tower.OutputWidth, CancellationToken.None);

        Assert.True(report.Passes(Tolerance), string.Join("; ", report.MaxAbsDiffByCheck));
    }

    [Fact]
    public void Export_AllListsEmpty_MatchesReference()
    {
        using var student = new ExportedStudent();
        TowerWeights tower = student.Weights.Item;
        FeatureBatch rows = new RandomFeatureBatchBuilder(tower.Features).WithRows(9).WithListRates(empty: 1, longerThanMax: 0).Build(3);
        float[] expected = TowerReference.Forward(tower, rows);

        ParityReport report = new OnnxRuntimeVerifier().Verify(student.Result.ItemTowerPath, rows, expected, tower.OutputWidth, CancellationToken.None);

        Assert.True(report.Passes(Tolerance), string.Join("; ", report.MaxAbsDiffByCheck));
    }
}
