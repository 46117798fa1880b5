using CascadeDistill.Features;

namespace CascadeDistill.Export;

/// <summary>Loads an exported tower in ONNX Runtime and compares its outputs with expected vectors.</summary>
public interface IOnnxVerifier
{
    /// <param name="expected">Row-major [rows.RowCount, dim] vectors from the trained model.</param>
    ParityReport Verify(string modelPath, FeatureBatch rows, float[] expected, int dim, CancellationToken cancellationToken);

    /// <summary>As <see cref="Verify"/>, for the graph output <paramref name="outputName"/> (a per-objective head's vectors).</summary>
    ParityReport VerifyOutput(string modelPath, string outputName, FeatureBatch rows, float[] expected, int dim, CancellationToken cancellationToken);
}
