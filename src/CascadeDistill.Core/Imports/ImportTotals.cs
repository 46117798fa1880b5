namespace CascadeDistill.Imports;

/// <summary>Totals over the inputs read: <c>RowsRead = RowsAccepted + Σ RowsQuarantined</c>.</summary>
public sealed record ImportTotals(
    long RowsRead,
    long RowsAccepted,
    IReadOnlyDictionary<string, long> RowsQuarantined,
    long RequestsAccepted,
    IReadOnlyDictionary<string, long> RequestsQuarantined,
    bool Balanced);
