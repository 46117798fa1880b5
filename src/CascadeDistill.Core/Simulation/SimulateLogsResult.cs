namespace CascadeDistill.Simulation;

/// <summary>What <see cref="SimulateLogs"/> wrote (or found already written).</summary>
public sealed record SimulateLogsResult(
    IReadOnlyList<DateOnly> DaysWritten,
    IReadOnlyList<DateOnly> DaysSkipped,
    long RowsWritten,
    long RequestsWritten,
    int CatalogueItems);
