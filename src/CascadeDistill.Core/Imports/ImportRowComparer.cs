namespace CascadeDistill.Imports;

/// <summary>Orders rows by request id (ordinal), then by arrival, so a request's rows end up adjacent and in source order.</summary>
internal sealed class ImportRowComparer : IComparer<ImportRow>
{
    public static ImportRowComparer Instance { get; } = new();

    public int Compare(ImportRow? x, ImportRow? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int byRequest = string.CompareOrdinal(x.RequestId, y.RequestId);
        return byRequest != 0 ? byRequest : x.Sequence.CompareTo(y.Sequence);
    }
}
