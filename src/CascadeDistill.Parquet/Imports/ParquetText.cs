using System.Globalization;
using ParquetSharp;

namespace CascadeDistill.Parquet.Imports;

/// <summary>
/// A Parquet value as the text the import parses (invariant culture): integers and floats as numbers
/// (floats round-trip), booleans as 1/0, timestamps as ISO-8601 UTC (map them with <c>format: iso8601</c>),
/// dates as yyyy-MM-dd, binary as UTF-8.
/// </summary>
internal static class ParquetText
{
    public static string? Of(object? value) => value switch
    {
        null => null,
        string s => s,
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateTimeNanos n => Of(n.DateTime),
        Date d => d.DateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        IFormattable v => v.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
