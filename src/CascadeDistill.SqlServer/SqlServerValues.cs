namespace CascadeDistill.SqlServer;

/// <summary>
/// Conversions between the domain's values and the columns: times are <c>datetime2(7)</c> in UTC, sent as a
/// <see cref="DateTimeOffset"/> at offset zero (full precision; Dapper would send a <see cref="DateTime"/>
/// as <c>datetime</c>, rounded to 3 ms) and read back as a <see cref="DateTime"/> of kind UTC; days are
/// <c>date</c>, sent as midnight and compared through <c>CAST(@p AS date)</c>.
/// </summary>
internal static class SqlServerValues
{
    public static DateTimeOffset Time(DateTimeOffset value) => value.ToUniversalTime();

    public static DateTimeOffset ReadTime(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? ReadTime(DateTime? value) => value is { } v ? ReadTime(v) : null;

    public static DateTime Day(DateOnly value) => value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

    public static DateOnly ReadDay(DateTime value) => DateOnly.FromDateTime(value);

    public static T ParseEnum<T>(string text)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && text.Length > 0 && !char.IsAsciiDigit(text[0])
            ? value
            : throw new InvalidDataException($"'{text}' is not a {typeof(T).Name}.");
}
