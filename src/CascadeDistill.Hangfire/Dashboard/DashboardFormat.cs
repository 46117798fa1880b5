using System.Globalization;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>Invariant-culture text for the dashboard pages: times in UTC, durations in seconds, metric values.</summary>
public static class DashboardFormat
{
    /// <summary>The prefix of the student's own metrics in a run's metrics JSON (<c>student.ndcg@10</c>).</summary>
    public const string StudentPrefix = "student.";

    public static string Time(DateTimeOffset? value) =>
        value is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    public static string Day(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Seconds(double? value) =>
        value is { } seconds ? seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "—";

    public static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Delta(double value) => (value >= 0 ? "+" : "") + value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The student's metrics of a metrics JSON (without the prefix), or every metric when there is no student scorer.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> KeyMetrics(string? metricsJson)
    {
        IReadOnlyList<KeyValuePair<string, double>> all = JsonFigures.Numbers(metricsJson);
        KeyValuePair<string, double>[] student = all
            .Where(p => p.Key.StartsWith(StudentPrefix, StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, double>(p.Key[StudentPrefix.Length..], p.Value))
            .ToArray();
        return student.Length > 0 ? student : all.ToArray();
    }

    /// <summary>The top-level figures of a parity JSON (tolerance, largest difference), numbers to three significant digits.</summary>
    public static IReadOnlyList<string> ParitySummary(string? parityJson) =>
        JsonFigures.Numbers(parityJson)
            .Where(p => !p.Key.Contains('.', StringComparison.Ordinal) && !p.Key.Contains('[', StringComparison.Ordinal))
            .Select(p => p.Key + " " + p.Value.ToString("G3", CultureInfo.InvariantCulture))
            .ToArray();

    /// <summary>
    /// Row accounting in a line each: top-level counts as they are (<c>rowsRead 1,234</c>), nested counts by
    /// reason summed (<c>rowsSkipped 12</c>).
    /// </summary>
    public static IReadOnlyList<string> AccountingSummary(string? rowAccountingJson) =>
        JsonFigures.Numbers(rowAccountingJson)
            .GroupBy(p => p.Key.Split('.')[0], StringComparer.Ordinal)
            .Select(g => g.Key + " " + Count(g.Sum(p => p.Value)))
            .ToArray();
}
