using CascadeDistill.Features;
using YamlDotNet.RepresentationModel;

namespace CascadeDistill.Pipelines;

/// <summary>The <c>features</c> list.</summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_featureKeys =
        ["name", "side", "kind", "column", "hash_buckets", "embedding_dim", "max_length"];

    private FeatureDefinition[] ParseFeatures(YamlMappingReader root)
    {
        var features = new List<FeatureDefinition>();
        if (root.Sequence("features", required: true) is not { } items)
        {
            return [];
        }
        foreach ((YamlNode node, string path) in items)
        {
            if (node is YamlMappingNode mapping)
            {
                features.Add(ParseFeature(YamlMappingReader.Open(_errors, path, mapping, s_featureKeys)));
            }
            else
            {
                _errors.Add(path, $"must be a mapping with keys {string.Join(", ", s_featureKeys)} (got {YamlValues.Describe(node)})");
                features.Add(new FeatureDefinition("", FeatureSide.User, FeatureKind.Numeric, "", 0, 0, 0));
            }
        }
        return features.ToArray();
    }

    private FeatureDefinition ParseFeature(YamlMappingReader feature)
    {
        string name = feature.String("name");
        FeatureSide side = feature.Word("side", PipelineVocabulary.Sides);
        bool kindKnown = feature.Has("kind");
        int before = _errors.Count;
        FeatureKind kind = feature.Word("kind", PipelineVocabulary.Kinds);
        kindKnown &= _errors.Count == before;
        string column = feature.Has("column") ? feature.String("column", "") : PipelineDefaults.FeatureColumn(name, side);

        if (!kindKnown)
        {
            // Which of the sizes apply depends on the kind; read what is there, judge nothing.
            return new FeatureDefinition(name, side, kind, column,
                feature.Int("hash_buckets", 0), feature.Int("embedding_dim", 0), feature.Int("max_length", 0));
        }

        string kindName = PipelineVocabulary.NameOf(kind);
        if (kind == FeatureKind.Numeric)
        {
            const string Reason = "does not apply to numeric features (they are standardised, not embedded); remove it";
            feature.Forbid("hash_buckets", Reason);
            feature.Forbid("embedding_dim", Reason);
            feature.Forbid("max_length", Reason);
            return new FeatureDefinition(name, side, kind, column, 0, 0, 0);
        }

        int hashBuckets = feature.Int("hash_buckets");
        int embeddingDim = feature.Int("embedding_dim");
        int maxLength = 0;
        if (kind == FeatureKind.MultiCategorical)
        {
            maxLength = feature.Int("max_length", PipelineDefaults.MultiMaxLength);
        }
        else
        {
            feature.Forbid("max_length", $"applies to multi features only, not {kindName}; remove it");
        }
        return new FeatureDefinition(name, side, kind, column, hashBuckets, embeddingDim, maxLength);
    }
}
