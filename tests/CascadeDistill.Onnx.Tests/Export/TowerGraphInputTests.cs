using CascadeDistill.Features;
using CascadeDistill.Students;
using Microsoft.ML.OnnxRuntime;

namespace CascadeDistill.Onnx.Tests.Export;

/// <summary>The graph's handling of raw multi-valued inputs fed directly, without the input helper.</summary>
public sealed class TowerGraphInputTests
{
    private static readonly long[] s_ids = [1001, 1002];
    private static readonly float[] s_ages = [30f, 41f];

    [Fact]
    public void Run_GarbagePadding_GivesSameOutputAsZeroPadding()
    {
        using var student = new ExportedStudent();
        long[] zeroPadded = [5, -6, 0, 0, 0, 9, 10, 11, 12, 13];
        long[] garbagePadded = [5, -6, long.MinValue, long.MaxValue, -1, 9, 10, 11, 12, 13];

        float[] zero = Run(student.Result.UserTowerPath, zeroPadded, width: 5, lengths: [2, 5]);
        float[] garbage = Run(student.Result.UserTowerPath, garbagePadded, width: 5, lengths: [2, 5]);

        Assert.Equal(zero, garbage);
    }

    [Fact]
    public void Run_LengthBeyondMaxLengthAndWidth_PoolsFirstMaxLengthIds()
    {
        using var student = new ExportedStudent();
        // Row 0 claims 50 ids but only 5 are given; row 1 has 5 ids: both pool the first 4 (max length).
        float[] actual = Run(student.Result.UserTowerPath, [1, 2, 3, 4, 5, 1, 2, 3, 4, 5], width: 5, lengths: [50, 5]);

        float[] expected = Reference(student.Weights.User, [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]);
        AssertClose(expected, actual);
    }

    [Fact]
    public void Run_NegativeLengthOrZeroWidth_GivesEmptyListEncoding()
    {
        using var student = new ExportedStudent();
        float[] expected = Reference(student.Weights.User, [[], []]);

        float[] negative = Run(student.Result.UserTowerPath, [7, 8], width: 1, lengths: [-3, 0]);
        float[] zeroWidth = Run(student.Result.UserTowerPath, [], width: 0, lengths: [0, 0]);

        AssertClose(expected, negative);
        AssertClose(expected, zeroWidth);
    }

    private static float[] Reference(TowerWeights tower, IReadOnlyList<long>[] tags) =>
        TowerReference.Forward(tower, new FeatureBatch(2, new Dictionary<string, FeatureColumn>(StringComparer.Ordinal)
        {
            ["user_id"] = new CategoricalColumn(s_ids),
            ["user_tags"] = MultiCategoricalColumn.FromRows(tags),
            ["user_age"] = new NumericColumn(s_ages),
        }));

    private static float[] Run(string modelPath, long[] tags, int width, long[] lengths)
    {
        using var options = new SessionOptions();
        using var session = new InferenceSession(modelPath, options);
        using OrtValue ids = OrtValue.CreateTensorValueFromMemory(s_ids, [2]);
        using OrtValue tagValues = OrtValue.CreateTensorValueFromMemory(tags, [2, width]);
        using OrtValue tagLengths = OrtValue.CreateTensorValueFromMemory(lengths, [2]);
        using OrtValue ages = OrtValue.CreateTensorValueFromMemory(s_ages, [2]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(
            runOptions,
            ["user_id", "user_tags", "user_tags_length", "user_age"],
            [ids, tagValues, tagLengths, ages],
            ["user_embedding"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.InRange(Math.Abs(expected[i] - actual[i]), 0, 1e-5);
        }
    }
}
