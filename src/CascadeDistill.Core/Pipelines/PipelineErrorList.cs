using System.Globalization;

namespace CascadeDistill.Pipelines;

/// <summary>
/// Collects the problems found while reading one pipeline file, remembers the line of every path it
/// has seen, and knows which paths could not be read (so the validator does not report them twice).
/// </summary>
internal sealed class PipelineErrorList
{
    private readonly List<(string Path, string Message)> _errors = [];
    private readonly List<string> _unreadable = [];
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    /// <summary>Records where <paramref name="path"/> is written (1-based line).</summary>
    public void Locate(string path, int line)
    {
        if (line > 0)
        {
            _lines.TryAdd(path, line);
        }
    }

    /// <summary>A problem that makes the value at <paramref name="path"/> unusable.</summary>
    public void Add(string path, string message)
    {
        _errors.Add((path, message));
        _unreadable.Add(path);
    }

    /// <summary>
    /// Whether a validator finding at <paramref name="path"/> may be a consequence of a reading problem:
    /// the path, one of its ancestors or one of its descendants could not be read.
    /// </summary>
    public bool IsUnreliable(string path)
    {
        foreach (string unreadable in _unreadable)
        {
            if (PipelinePath.IsWithin(path, unreadable) || PipelinePath.IsWithin(unreadable, path))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The line of <paramref name="path"/> or of its nearest located ancestor.</summary>
    public int? LineOf(string path)
    {
        for (string? current = path; current is not null; current = PipelinePath.Parent(current))
        {
            if (_lines.TryGetValue(current, out int line))
            {
                return line;
            }
        }
        return null;
    }

    /// <summary>Every reading problem followed by <paramref name="findings"/>, each with its line, in file order.</summary>
    public IReadOnlyList<PipelineDefinitionError> Merge(IEnumerable<PipelineDefinitionError> findings)
    {
        return _errors
            .Select(e => new PipelineDefinitionError(e.Path, e.Message))
            .Concat(findings)
            .Select((error, order) => (Error: WithLine(error), Line: LineOf(error.Path) ?? int.MaxValue, Order: order))
            .OrderBy(e => e.Line)
            .ThenBy(e => e.Order)
            .Select(e => e.Error)
            .ToArray();
    }

    private PipelineDefinitionError WithLine(PipelineDefinitionError error)
    {
        int? line = LineOf(error.Path);
        return line is null
            ? error
            : error with { Message = error.Message + " (line " + line.Value.ToString(CultureInfo.InvariantCulture) + ")" };
    }
}
