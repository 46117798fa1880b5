using System.Globalization;

namespace CascadeDistill.Pipelines;

/// <summary>
/// The validator's problems. A finding is dropped when its path (or a path it depends on) could not
/// be read from the file, since the reader has already reported that, and the value it would judge
/// is a placeholder.
/// </summary>
internal sealed class PipelineFindings
{
    private readonly Func<string, bool> _isUnreliable;
    private readonly List<PipelineDefinitionError> _errors = [];

    public PipelineFindings(Func<string, bool> isUnreliable)
    {
        _isUnreliable = isUnreliable;
    }

    public IReadOnlyList<PipelineDefinitionError> Errors => _errors;

    public bool IsUnreliable(string path) => _isUnreliable(path);

    public void Report(string path, string message, params ReadOnlySpan<string> dependsOn)
    {
        if (_isUnreliable(path))
        {
            return;
        }
        foreach (string other in dependsOn)
        {
            if (_isUnreliable(other))
            {
                return;
            }
        }
        _errors.Add(new PipelineDefinitionError(path, message));
    }

    public void InRange(string path, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Report(path, max == int.MaxValue
                ? $"must be at least {Text(min)} (got {Text(value)})"
                : $"must be between {Text(min)} and {Text(max)} (got {Text(value)})");
        }
    }

    public void Positive(string path, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            Report(path, $"must be a finite number greater than 0 (got {Text(value)})");
        }
    }

    public void NotNegative(string path, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            Report(path, $"must be a finite number of at least 0 (got {Text(value)})");
        }
    }

    public void OneOf(string path, string value, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            Report(path, $"unknown value '{value}'{Suggestions.DidYouMean(value, allowed)}; allowed: {string.Join(", ", allowed)}");
        }
    }

    public void Defined<T>(string path, T value, IReadOnlyList<KeyValuePair<string, T>> words)
        where T : struct, Enum
    {
        if (!words.Any(w => EqualityComparer<T>.Default.Equals(w.Value, value)))
        {
            Report(path, $"unknown value {value}; allowed: {string.Join(", ", words.Select(w => w.Key))}");
        }
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
