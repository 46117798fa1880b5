namespace CascadeDistill.Testing.Imports;

/// <summary>
/// Export rows (<c>SimulatedLogExport.Rows</c>) with the cut candidates of some requests removed: those
/// requests keep valid positions 1..n but have fewer candidates than the others, for the
/// <c>list_too_short</c> tests of every import format.
/// </summary>
public static class ShortenedLists
{
    private const int PositionCell = 4;
    private const int CutPosition = -1;

    /// <summary>Drops the cut rows of the first <paramref name="requests"/> requests (in row order).</summary>
    /// <returns>The rows kept, and how many kept rows belong to the shortened requests.</returns>
    public static (List<object?[]> Rows, int ShortRequestRows) Shorten(IReadOnlyList<object?[]> rows, int requests)
    {
        ArgumentNullException.ThrowIfNull(rows);
        HashSet<string> shortened = [.. rows.Select(r => (string)r[0]!).Distinct(StringComparer.Ordinal).Take(requests)];
        List<object?[]> kept = [.. rows.Where(r => !shortened.Contains((string)r[0]!) || (int)r[PositionCell]! != CutPosition)];
        int shortRows = kept.Count(r => shortened.Contains((string)r[0]!));
        if (kept.Count == rows.Count)
        {
            throw new InvalidOperationException("The shortened requests have no cut rows to drop.");
        }
        return (kept, shortRows);
    }
}
