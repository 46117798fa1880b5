using System.Text;
using System.Text.Json;
using CascadeDistill.Features;

namespace CascadeDistill.Onnx.Contracts;

/// <summary>
/// The JSON form of a tower's input contract stored under <see cref="OnnxMetadataKeys.Inputs"/>:
/// an array of <c>{name, dtype, shape, role, feature, side, kind, column, hash_buckets, embedding_dim, max_length}</c>.
/// </summary>
public static class TowerInputJson
{
    public static string Write(IReadOnlyList<TowerInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (TowerInput input in inputs)
            {
                FeatureDefinition f = input.Feature;
                json.WriteStartObject();
                json.WriteString("name", input.Name);
                json.WriteString("dtype", input.ElementType);
                json.WriteStartArray("shape");
                foreach (string dim in input.Shape)
                {
                    json.WriteStringValue(dim);
                }
                json.WriteEndArray();
                json.WriteString("role", RoleName(input.Role));
                json.WriteString("feature", f.Name);
                json.WriteString("side", SideName(f.Side));
                json.WriteString("kind", KindName(f.Kind));
                json.WriteString("column", f.Column);
                json.WriteNumber("hash_buckets", f.HashBuckets);
                json.WriteNumber("embedding_dim", f.EmbeddingDim);
                json.WriteNumber("max_length", f.MaxLength);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <exception cref="InvalidDataException">The text is not a well-formed input contract.</exception>
    public static IReadOnlyList<TowerInput> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("The tower input contract must be a JSON array.");
            }
            return document.RootElement.EnumerateArray().Select(ParseInput).ToArray();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Malformed tower input contract: {ex.Message}", ex);
        }
    }

    private static TowerInput ParseInput(JsonElement e)
    {
        var feature = new FeatureDefinition(
            Name: Text(e, "feature"),
            Side: ParseName(e, "side", SideName, Enum.GetValues<FeatureSide>()),
            Kind: ParseName(e, "kind", KindName, Enum.GetValues<FeatureKind>()),
            Column: Text(e, "column"),
            HashBuckets: e.GetProperty("hash_buckets").GetInt32(),
            EmbeddingDim: e.GetProperty("embedding_dim").GetInt32(),
            MaxLength: e.GetProperty("max_length").GetInt32());
        return new TowerInput(
            Text(e, "name"),
            Text(e, "dtype"),
            e.GetProperty("shape").EnumerateArray().Select(d => d.GetString() ?? throw new InvalidDataException("A shape dimension is null in tower input contract.")).ToArray(),
            ParseName(e, "role", RoleName, Enum.GetValues<TowerInputRole>()),
            feature);
    }

    private static string Text(JsonElement e, string property) =>
        e.GetProperty(property).GetString() ?? throw new InvalidDataException($"'{property}' is null in tower input contract.");

    private static T ParseName<T>(JsonElement e, string property, Func<T, string> name, T[] values)
    {
        string? text = e.GetProperty(property).GetString();
        foreach (T value in values)
        {
            if (string.Equals(name(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }
        throw new InvalidDataException($"Unknown {property} '{text}' in tower input contract.");
    }

    internal static string KindName(FeatureKind kind) => kind switch
    {
        FeatureKind.Categorical => "categorical",
        FeatureKind.MultiCategorical => "multi_categorical",
        FeatureKind.Numeric => "numeric",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature kind."),
    };

    private static string SideName(FeatureSide side) => side switch
    {
        FeatureSide.User => "user",
        FeatureSide.Item => "item",
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Unknown feature side."),
    };

    private static string RoleName(TowerInputRole role) => role switch
    {
        TowerInputRole.Ids => "ids",
        TowerInputRole.Lengths => "lengths",
        TowerInputRole.Value => "value",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown input role."),
    };
}
