using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Pipelines;

/// <summary>Rules of the <c>features</c> list.</summary>
public static partial class PipelineDefinitionValidator
{
    private static readonly string[] s_reservedColumns =
        [LogContract.RequestId, LogContract.EventTime, LogContract.Position, LogContract.RerankPosition];

    private static void ValidateFeatures(PipelineFindings findings, IReadOnlyList<FeatureDefinition> features)
    {
        if (features.Count == 0)
        {
            findings.Report("features", "must declare at least one user-side and one item-side feature");
            return;
        }
        var firstByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < features.Count; i++)
        {
            string path = PipelinePath.Item("features", i);
            FeatureDefinition feature = features[i];
            if (!IsIdentifier(feature.Name))
            {
                findings.Report(path + ".name", $"'{feature.Name}' is not a valid feature name: use lowercase letters, digits and '_', starting with a letter (at most {PipelineFindings.Text(PipelineLimits.MaxNameLength)}); it becomes an ONNX input name");
            }
            else if (!firstByName.TryAdd(feature.Name, i))
            {
                findings.Report(path + ".name", $"duplicate feature name '{feature.Name}' (first declared at {PipelinePath.Item("features", firstByName[feature.Name])})");
            }
            findings.Defined(path + ".side", feature.Side, PipelineVocabulary.Sides);
            findings.Defined(path + ".kind", feature.Kind, PipelineVocabulary.Kinds);
            ValidateColumn(findings, path, feature);
            ValidateEncoding(findings, path, feature);
        }
        foreach ((string sideName, FeatureSide side) in PipelineVocabulary.Sides)
        {
            if (!features.Any(f => f.Side == side))
            {
                findings.Report("features", $"declares no {sideName}-side feature: the {sideName} tower needs at least one input");
            }
        }
    }

    private static void ValidateColumn(PipelineFindings findings, string path, FeatureDefinition feature)
    {
        string columnPath = path + ".column";
        string column = feature.Column;
        if (column.Length == 0 || column.Any(char.IsWhiteSpace))
        {
            findings.Report(columnPath, $"must be a log column name without spaces (got '{column}')", path + ".name");
            return;
        }
        if (s_reservedColumns.Contains(column, StringComparer.Ordinal)
            || column.StartsWith(LogContract.TeacherLogitPrefix, StringComparison.Ordinal)
            || column.StartsWith(LogContract.LabelPrefix, StringComparison.Ordinal))
        {
            findings.Report(columnPath, $"'{column}' is a reserved log column (request keys, positions, teacher logits and labels are not features)", path + ".name");
            return;
        }
        bool readsUser = column == LogContract.UserId || column.StartsWith(LogContract.UserFeaturePrefix, StringComparison.Ordinal);
        bool readsItem = column == LogContract.ItemId || column.StartsWith(LogContract.ItemFeaturePrefix, StringComparison.Ordinal);
        if ((feature.Side == FeatureSide.User && readsItem) || (feature.Side == FeatureSide.Item && readsUser))
        {
            string side = feature.Side == FeatureSide.User ? "a user" : "an item";
            findings.Report(columnPath,
                $"{side}-side feature cannot read '{column}', a column of the other side (a tower sees only its own side's features)",
                path + ".name", path + ".side");
        }
    }

    private static void ValidateEncoding(PipelineFindings findings, string path, FeatureDefinition feature)
    {
        if (findings.IsUnreliable(path + ".kind"))
        {
            return; // which sizes apply depends on the kind
        }
        if (feature.Kind == FeatureKind.Numeric)
        {
            foreach ((string key, int value) in new[] { ("hash_buckets", feature.HashBuckets), ("embedding_dim", feature.EmbeddingDim), ("max_length", feature.MaxLength) })
            {
                if (value != 0)
                {
                    findings.Report(path + "." + key, $"does not apply to numeric features (got {PipelineFindings.Text(value)})", path + ".kind");
                }
            }
            return;
        }
        findings.InRange(path + ".hash_buckets", feature.HashBuckets, PipelineLimits.MinHashBuckets, PipelineLimits.MaxHashBuckets);
        findings.InRange(path + ".embedding_dim", feature.EmbeddingDim, 1, PipelineLimits.MaxEmbeddingDim);
        if (feature.Kind == FeatureKind.MultiCategorical)
        {
            findings.InRange(path + ".max_length", feature.MaxLength, 1, PipelineLimits.MaxMultiLength);
        }
        else if (feature.MaxLength != 0)
        {
            findings.Report(path + ".max_length", $"applies to multi features only (got {PipelineFindings.Text(feature.MaxLength)})", path + ".kind");
        }
    }
}
