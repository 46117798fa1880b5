using YamlDotNet.RepresentationModel;

namespace CascadeDistill.Pipelines;

/// <summary>Typed reads. A <see langword="null"/> fallback means the key is required.</summary>
internal sealed partial class YamlMappingReader
{
    public string String(string key, string? fallback = null)
    {
        if (Node(key, fallback is null) is not YamlNode node)
        {
            return fallback ?? "";
        }
        if (YamlValues.TryString(node, out string value))
        {
            return value;
        }
        WrongType(key, "a string", node);
        return fallback ?? "";
    }

    public int Int(string key, int? fallback = null)
    {
        if (Node(key, fallback is null) is not YamlNode node)
        {
            return fallback ?? 0;
        }
        if (YamlValues.TryInt(node, out int value))
        {
            return value;
        }
        WrongType(key, YamlValues.LooksNumeric(node) ? "a whole number that fits in 32 bits" : "an integer", node);
        return fallback ?? 0;
    }

    public double Double(string key, double? fallback = null)
    {
        if (Node(key, fallback is null) is not YamlNode node)
        {
            return fallback ?? 0;
        }
        if (YamlValues.TryDouble(node, out double value))
        {
            return value;
        }
        WrongType(key, "a finite number", node);
        return fallback ?? 0;
    }

    public bool Bool(string key, bool? fallback = null)
    {
        if (Node(key, fallback is null) is not YamlNode node)
        {
            return fallback ?? false;
        }
        if (YamlValues.TryBool(node, out bool value))
        {
            return value;
        }
        WrongType(key, "true or false", node);
        return fallback ?? false;
    }

    /// <summary>One of <paramref name="words"/>; an unknown word is reported with the allowed ones.</summary>
    public T Word<T>(string key, IReadOnlyList<KeyValuePair<string, T>> words, T? fallback = null)
        where T : struct, Enum
    {
        if (Node(key, fallback is null) is not YamlNode node)
        {
            return fallback ?? default;
        }
        if (!YamlValues.TryString(node, out string text) || node is not YamlScalarNode)
        {
            WrongType(key, "one of " + string.Join(", ", words.Select(w => w.Key)), node);
            return fallback ?? default;
        }
        foreach ((string word, T value) in words)
        {
            if (word == text)
            {
                return value;
            }
        }
        string[] allowed = words.Select(w => w.Key).ToArray();
        _errors.Add(PathOf(key), $"unknown value '{text}'{Suggestions.DidYouMean(text, allowed)}; allowed: {string.Join(", ", allowed)}");
        return fallback ?? default;
    }

    /// <summary>A nested mapping whose keys must be among <paramref name="allowedKeys"/> (<see langword="null"/> = any).</summary>
    public YamlMappingReader? Mapping(string key, IReadOnlyList<string>? allowedKeys, bool required)
    {
        if (Node(key, required) is not YamlNode node)
        {
            return null;
        }
        if (node is YamlMappingNode mapping)
        {
            return Open(_errors, PathOf(key), mapping, allowedKeys);
        }
        WrongType(key, "a mapping", node);
        return null;
    }

    /// <summary>The items of a list with their paths, or <see langword="null"/> when absent or not a list.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)>? Sequence(string key, bool required)
    {
        if (Node(key, required) is not YamlNode node)
        {
            return null;
        }
        if (node is not YamlSequenceNode sequence)
        {
            WrongType(key, "a list", node);
            return null;
        }
        var items = new List<(YamlNode, string)>(sequence.Children.Count);
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            string itemPath = PipelinePath.Item(PathOf(key), i);
            _errors.Locate(itemPath, (int)sequence.Children[i].Start.Line);
            items.Add((sequence.Children[i], itemPath));
        }
        return items;
    }

    /// <summary>A list of strings; <see langword="null"/> fallback = required.</summary>
    public IReadOnlyList<string> StringList(string key, IReadOnlyList<string>? fallback = null) =>
        List(key, fallback, "a string", (YamlNode n, out string v) => YamlValues.TryString(n, out v) && n is YamlScalarNode);

    /// <summary>A list of integers; <see langword="null"/> fallback = required.</summary>
    public IReadOnlyList<int> IntList(string key, IReadOnlyList<int>? fallback = null) =>
        List(key, fallback, "an integer", YamlValues.TryInt);

    private delegate bool TryRead<T>(YamlNode node, out T value);

    private IReadOnlyList<T> List<T>(string key, IReadOnlyList<T>? fallback, string expected, TryRead<T> read)
    {
        if (Sequence(key, fallback is null) is not { } items)
        {
            return fallback ?? [];
        }
        var values = new List<T>(items.Count);
        foreach ((YamlNode item, string itemPath) in items)
        {
            if (!read(item, out T value))
            {
                _errors.Add(itemPath, $"must be {expected} (got {YamlValues.Describe(item)})");
            }
            values.Add(value); // a placeholder when unreadable, so later items keep their index
        }
        return values.ToArray();
    }
}
