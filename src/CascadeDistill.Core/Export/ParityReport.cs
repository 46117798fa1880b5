namespace CascadeDistill.Export;

/// <summary>
/// ONNX Runtime outputs compared with the trained model's on the same rows, under each session
/// configuration checked (optimisations on/off, batch 1/many).
/// </summary>
public sealed record ParityReport(string ModelPath, int Rows, IReadOnlyDictionary<string, double> MaxAbsDiffByCheck)
{
    public double MaxAbsDiff => MaxAbsDiffByCheck.Values.DefaultIfEmpty(double.PositiveInfinity).Max();

    public bool Passes(double tolerance) => MaxAbsDiff <= tolerance;
}
