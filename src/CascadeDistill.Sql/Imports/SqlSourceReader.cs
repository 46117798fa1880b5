using System.Data;
using System.Data.Common;
using System.Globalization;
using CascadeDistill.Imports;

namespace CascadeDistill.Sql.Imports;

/// <summary>
/// Streams the rows of one query through a <see cref="DbDataReader"/>, one row at a time (never buffered
/// whole). Result columns are matched by name (case-insensitive, as SQL does). A failing connection or
/// query raises <see cref="ImportFileException"/> (<c>query_failed</c>): before the first row the input is
/// refused, later every request with a row of it is quarantined. Values become invariant text: numbers
/// (floats round-trip), booleans 1/0, date-times as ISO-8601 UTC (an unspecified kind is taken as UTC).
/// </summary>
public static class SqlSourceReader
{
    public static IEnumerable<SourceRow> Read(Func<DbConnection> connect, string query, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentNullException.ThrowIfNull(columns);
        using DbConnection connection = connect();
        Guard(query, () =>
        {
            connection.Open();
            return 0;
        });
        using DbCommand command = connection.CreateCommand();
        command.CommandText = query;
        using DbDataReader reader = Guard(query, () => command.ExecuteReader(CommandBehavior.SingleResult));
        int[] ordinals = Ordinals(query, reader, columns);
        long row = 0;
        while (Guard(query, reader.Read))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cells = new string?[columns.Count];
            for (int c = 0; c < ordinals.Length; c++)
            {
                int ordinal = ordinals[c];
                cells[c] = Guard(query, () => reader.IsDBNull(ordinal) ? null : Text(reader.GetValue(ordinal)));
            }
            yield return new SourceRow(++row, cells, new string[]?[columns.Count], null);
        }
    }

    private static int[] Ordinals(string query, DbDataReader reader, IReadOnlyList<string> columns)
    {
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var ordinals = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            int first = names.FindIndex(n => string.Equals(n, columns[c], StringComparison.OrdinalIgnoreCase));
            if (first < 0)
            {
                throw new ImportFileException(query, ImportReasonCodes.MissingColumn, $"The query returns no column '{columns[c]}' (mapped in the mapping file).");
            }
            if (names.FindLastIndex(n => string.Equals(n, columns[c], StringComparison.OrdinalIgnoreCase)) != first)
            {
                throw new ImportFileException(query, ImportReasonCodes.DuplicateColumn, $"The query returns column '{columns[c]}' more than once.");
            }
            ordinals[c] = first;
        }
        return ordinals;
    }

    private static string? Text(object value) => value switch
    {
        string s => s,
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        DateTime t => (t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        IFormattable v => v.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static T Guard<T>(string query, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (DbException e)
        {
            throw new ImportFileException(query, ImportReasonCodes.QueryFailed, "The query failed: " + e.Message);
        }
    }
}
