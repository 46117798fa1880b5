using System.Globalization;
using CascadeDistill.Quality;

namespace CascadeDistill.Imports;

/// <summary>
/// The share of the rows that the imports of a run's days set aside (quarantined rows / rows read, over those
/// imports), held against <c>quality.max_quarantine_rate</c> — the limit the run-time file checks use too.
/// </summary>
public static class ImportQuarantineRate
{
    public static double Of(IReadOnlyList<ImportAccountingSummary> imports)
    {
        ArgumentNullException.ThrowIfNull(imports);
        long read = imports.Sum(i => i.Totals.RowsRead);
        long quarantined = imports.Sum(i => i.Totals.RowsQuarantined.Values.Sum());
        return read == 0 ? 0 : (double)quarantined / read;
    }

    /// <returns>Why a run on these imports is refused, or null when the rate is within <paramref name="maxRate"/>.</returns>
    public static string? Exceeded(IReadOnlyList<ImportAccountingSummary> imports, double maxRate)
    {
        double rate = Of(imports);
        if (rate <= maxRate)
        {
            return null;
        }
        IEnumerable<string> reasons = imports
            .SelectMany(i => i.Totals.RowsQuarantined)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Sum(p => p.Value)} row(s)"));
        return string.Create(CultureInfo.InvariantCulture,
            $"[{DataQualityException.QuarantineRateExceeded}] {rate:P2} of the imported rows are quarantined ({string.Join(", ", reasons)}; import(s) {string.Join(", ", imports.Select(i => i.ImportId))}), above quality.max_quarantine_rate {maxRate:P2}");
    }
}
