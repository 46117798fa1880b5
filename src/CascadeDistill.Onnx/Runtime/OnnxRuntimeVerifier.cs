using CascadeDistill.Export;
using CascadeDistill.Features;
using Microsoft.ML.OnnxRuntime;

namespace CascadeDistill.Onnx.Runtime;

/// <summary>
/// Runs an exported tower in ONNX Runtime with graph optimisations on (<c>opt_all</c>, what
/// serving uses) and off (<c>opt_none</c>), each with all rows in one batch (<c>batch_many</c>),
/// batches of <see cref="SmallBatchSize"/> rows (<c>batch_7</c>) and one row at a time
/// (<c>batch_1</c>), and reports each check's max absolute difference from the expected vectors.
/// A NaN output counts as an infinite difference.
/// </summary>
public sealed class OnnxRuntimeVerifier : IOnnxVerifier
{
    public const int SmallBatchSize = 7;

    private static readonly (GraphOptimizationLevel Level, string Name)[] s_configurations =
    [
        (GraphOptimizationLevel.ORT_ENABLE_ALL, "opt_all"),
        (GraphOptimizationLevel.ORT_DISABLE_ALL, "opt_none"),
    ];

    /// <summary>Check keys in report order.</summary>
    public static IReadOnlyList<string> CheckNames { get; } =
        s_configurations.SelectMany(c => new[] { $"{c.Name}/batch_many", $"{c.Name}/batch_{SmallBatchSize}", $"{c.Name}/batch_1" }).ToArray();

    public ParityReport Verify(string modelPath, FeatureBatch rows, float[] expected, int dim, CancellationToken cancellationToken) =>
        Verify(modelPath, null, rows, expected, dim, cancellationToken);

    public ParityReport VerifyOutput(string modelPath, string outputName, FeatureBatch rows, float[] expected, int dim, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputName);
        return Verify(modelPath, (string?)outputName, rows, expected, dim, cancellationToken);
    }

    private static ParityReport Verify(string modelPath, string? outputName, FeatureBatch rows, float[] expected, int dim, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentOutOfRangeException.ThrowIfZero(rows.RowCount);
        if (expected.Length != rows.RowCount * dim)
        {
            throw new ArgumentException($"Expected {rows.RowCount}x{dim} values, got {expected.Length}.", nameof(expected));
        }

        var diffs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((GraphOptimizationLevel level, string name) in s_configurations)
        {
            using var session = new OnnxTowerSession(modelPath, level, outputName: outputName);
            if (session.EmbeddingDim != dim)
            {
                throw new InvalidDataException($"'{session.ModelPath}' produces {session.EmbeddingDim}-dim vectors, expected {dim}.");
            }
            diffs[$"{name}/batch_many"] = RunInBatches(session, rows, rows.RowCount, expected, cancellationToken);
            diffs[$"{name}/batch_{SmallBatchSize}"] = RunInBatches(session, rows, SmallBatchSize, expected, cancellationToken);
            diffs[$"{name}/batch_1"] = RunInBatches(session, rows, 1, expected, cancellationToken);
        }
        return new ParityReport(Path.GetFullPath(modelPath), rows.RowCount, diffs);
    }

    private static double RunInBatches(OnnxTowerSession session, FeatureBatch rows, int batchSize, float[] expected, CancellationToken cancellationToken)
    {
        int dim = session.EmbeddingDim;
        double max = 0;
        for (int start = 0; start < rows.RowCount; start += batchSize)
        {
            int count = Math.Min(batchSize, rows.RowCount - start);
            FeatureBatch batch = count == rows.RowCount ? rows : rows.Slice(start, count);
            float[] actual = session.Run(batch, cancellationToken);
            max = Math.Max(max, MaxAbsDiff(actual, expected.AsSpan(start * dim, count * dim)));
        }
        return max;
    }

    private static double MaxAbsDiff(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        double max = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double diff = Math.Abs((double)actual[i] - expected[i]);
            if (double.IsNaN(diff))
            {
                return double.PositiveInfinity;
            }
            max = Math.Max(max, diff);
        }
        return max;
    }
}
