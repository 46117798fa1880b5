using System.Globalization;

namespace CascadeDistill.Storage.Sqlite;

/// <summary>Invariant text forms of times, days and enums in the SQLite tables; fixed width so they sort as text.</summary>
internal static class SqliteText
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string DayFormat = "yyyy-MM-dd";

    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string? FormatTime(DateTimeOffset? value) => value is { } v ? FormatTime(v) : null;

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseOptionalTime(string? text) => text is null ? null : ParseTime(text);

    public static string FormatDay(DateOnly value) => value.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, DayFormat, CultureInfo.InvariantCulture);

    public static T ParseEnum<T>(string text)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0])
            ? value
            : throw new InvalidDataException($"'{text}' is not a {typeof(T).Name}.");
}
