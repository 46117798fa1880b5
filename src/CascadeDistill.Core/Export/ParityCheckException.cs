namespace CascadeDistill.Export;

/// <summary>An exported model whose ONNX Runtime outputs differ from the trained model beyond the tolerance. Nothing is published.</summary>
public sealed class ParityCheckException(ParityReport report, double tolerance)
    : Exception($"ONNX parity failed for {report.ModelPath}: max |Δ| {report.MaxAbsDiff:E3} > tolerance {tolerance:E1} (" +
        string.Join(", ", report.MaxAbsDiffByCheck.Select(p => $"{p.Key}={p.Value:E2}")) + ").")
{
    public ParityReport Report { get; } = report;

    public double Tolerance { get; } = tolerance;
}
