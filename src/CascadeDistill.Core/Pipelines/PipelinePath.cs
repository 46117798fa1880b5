using System.Globalization;
using System.Text.RegularExpressions;

namespace CascadeDistill.Pipelines;

/// <summary>Builds error paths such as <c>features[2].hash_buckets</c> and relates them to each other.</summary>
internal static partial class PipelinePath
{
    /// <summary>The path of problems that concern the file as a whole (syntax, empty file).</summary>
    public const string Document = "(document)";

    public static string Child(string parent, string key)
    {
        string segment = PlainKey().IsMatch(key) ? key : "[\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";
        if (parent.Length == 0)
        {
            return segment;
        }
        return segment[0] == '[' ? parent + segment : parent + "." + segment;
    }

    public static string Item(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Whether <paramref name="path"/> is <paramref name="ancestor"/> or lies inside it.</summary>
    public static bool IsWithin(string path, string ancestor)
    {
        if (ancestor.Length == 0 || path == ancestor)
        {
            return true;
        }
        return path.Length > ancestor.Length
            && path.StartsWith(ancestor, StringComparison.Ordinal)
            && path[ancestor.Length] is '.' or '[';
    }

    /// <summary>The enclosing path, or <see langword="null"/> at the top level.</summary>
    public static string? Parent(string path)
    {
        int cut = path.EndsWith("\"]", StringComparison.Ordinal)
            ? path.LastIndexOf("[\"", StringComparison.Ordinal)
            : path.LastIndexOfAny(['.', '[']);
        return cut <= 0 ? null : path[..cut];
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PlainKey();
}
