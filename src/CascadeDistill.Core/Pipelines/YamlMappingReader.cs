using YamlDotNet.RepresentationModel;

namespace CascadeDistill.Pipelines;

/// <summary>
/// Reads the keys of one YAML mapping as typed values. Every problem (unknown key, missing key,
/// wrong type, unknown word) goes to the shared <see cref="PipelineErrorList"/> with its path, and
/// the read returns a placeholder so that reading carries on and all problems surface at once.
/// </summary>
internal sealed partial class YamlMappingReader
{
    private readonly PipelineErrorList _errors;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    private YamlMappingReader(PipelineErrorList errors, string path)
    {
        _errors = errors;
        Path = path;
    }

    /// <summary>The list every problem goes to (shared by nested readers).</summary>
    public PipelineErrorList Errors => _errors;

    /// <summary>Path of the mapping itself ("" for the document root).</summary>
    public string Path { get; }

    /// <summary>Keys in file order (only those that are plain strings).</summary>
    public IReadOnlyList<string> Keys => _order;

    /// <summary>
    /// Opens <paramref name="node"/>; reports every key not in <paramref name="allowedKeys"/>
    /// (<see langword="null"/> = any key, for maps such as <c>dataset.fusion</c>).
    /// </summary>
    public static YamlMappingReader Open(PipelineErrorList errors, string path, YamlMappingNode node, IReadOnlyList<string>? allowedKeys)
    {
        var reader = new YamlMappingReader(errors, path);
        foreach ((YamlNode keyNode, YamlNode value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key } || YamlValues.IsNull(keyNode))
            {
                string at = path.Length == 0 ? PipelinePath.Document : path;
                errors.Locate(at, (int)keyNode.Start.Line);
                errors.Add(at, "keys must be plain words, got " + YamlValues.Describe(keyNode));
                continue;
            }
            string keyPath = PipelinePath.Child(path, key);
            errors.Locate(keyPath, (int)keyNode.Start.Line);
            if (allowedKeys is not null && !allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(keyPath, $"unknown key '{key}'{Suggestions.DidYouMean(key, allowedKeys)}; allowed here: {string.Join(", ", allowedKeys)}");
                continue;
            }
            reader._values[key] = value;
            reader._order.Add(key);
        }
        return reader;
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public string PathOf(string key) => PipelinePath.Child(Path, key);

    /// <summary>Reports <paramref name="key"/> as misplaced when it is present.</summary>
    public void Forbid(string key, string reason)
    {
        if (Has(key))
        {
            _errors.Add(PathOf(key), reason);
        }
    }

    /// <summary>
    /// The node of <paramref name="key"/>, or <see langword="null"/> when it is absent (reported when
    /// <paramref name="required"/>) or explicitly empty (always reported).
    /// </summary>
    public YamlNode? Node(string key, bool required)
    {
        if (!_values.TryGetValue(key, out YamlNode? node))
        {
            if (required)
            {
                _errors.Add(PathOf(key), "is required");
            }
            return null;
        }
        if (YamlValues.IsNull(node))
        {
            _errors.Add(PathOf(key), required ? "is required but has no value" : "has no value; leave the key out to use the default");
            return null;
        }
        return node;
    }

    private void WrongType(string key, string expected, YamlNode node) =>
        _errors.Add(PathOf(key), $"must be {expected} (got {YamlValues.Describe(node)})");
}
