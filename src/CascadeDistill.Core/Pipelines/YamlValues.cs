using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CascadeDistill.Pipelines;

/// <summary>
/// Reads YAML scalars as the types a pipeline file uses. Strict: a quoted <c>"7"</c> is a string,
/// not a number, and <c>.nan</c> / <c>.inf</c> are not numbers a pipeline accepts.
/// </summary>
internal static class YamlValues
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && !IsStringTagged(scalar)
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static bool TryString(YamlNode node, out string value)
    {
        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            value = scalar.Value ?? "";
            return true;
        }
        value = "";
        return false;
    }

    public static bool TryInt(YamlNode node, out int value)
    {
        value = 0;
        return Plain(node) is string text
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryDouble(YamlNode node, out double value)
    {
        value = 0;
        return Plain(node) is string text
            && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    public static bool TryBool(YamlNode node, out bool value)
    {
        value = false;
        switch (Plain(node))
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether a plain scalar reads as an integer too large for 32 bits or as a fraction (for precise messages).</summary>
    public static bool LooksNumeric(YamlNode node) =>
        Plain(node) is string text
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>What a node is, for "expected X, got Y" messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing (null)",
        YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar when !IsStringTagged(scalar) => Quote(scalar.Value ?? ""),
        YamlScalarNode scalar => "the string " + Quote(scalar.Value ?? ""),
        _ => "an unsupported node",
    };

    public static string Quote(string text) =>
        "'" + (text.Length > 40 ? text[..40] + "…" : text) + "'";

    private static string? Plain(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && !IsStringTagged(scalar)
            ? scalar.Value
            : null;

    private static bool IsStringTagged(YamlScalarNode scalar) => !scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag;
}
