using System.Text.RegularExpressions;

namespace CascadeDistill.SqlServer.Migrations;

/// <summary>
/// Splits a T-SQL script into batches at lines holding only <c>GO</c> (any case, optional trailing
/// <c>-- comment</c>), as sqlcmd does. <c>GO n</c> (repeat) is refused: migrations never repeat a batch.
/// Batches that hold only blank lines and comments are dropped.
/// </summary>
public static partial class SqlBatchSplitter
{
    public static IReadOnlyList<string> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var batches = new List<string>();
        var current = new List<string>();
        var lineNumber = 0;
        foreach (var line in script.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            if (GoLine().IsMatch(line))
            {
                Flush(batches, current);
                continue;
            }

            if (GoWithCount().IsMatch(line))
            {
                throw new FormatException($"Line {lineNumber}: 'GO n' (repeat a batch) is not allowed in a migration.");
            }

            current.Add(line);
        }

        Flush(batches, current);
        return batches;
    }

    /// <summary>True when <paramref name="batch"/> holds a statement, not only blank lines and <c>--</c> comments.</summary>
    public static bool HasStatement(string batch) =>
        batch.ReplaceLineEndings("\n").Split('\n').Any(l => l.Trim() is { Length: > 0 } t && !t.StartsWith("--", StringComparison.Ordinal));

    private static void Flush(List<string> batches, List<string> lines)
    {
        var batch = string.Join('\n', lines).Trim();
        if (HasStatement(batch))
        {
            batches.Add(batch);
        }

        lines.Clear();
    }

    [GeneratedRegex(@"^\s*GO\s*(--.*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoLine();

    [GeneratedRegex(@"^\s*GO\s+\d+\s*(--.*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoWithCount();
}
