using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Imports;

/// <summary>
/// One feature to import: the log column it becomes (<c>user.segment</c>), the source column and its kind.
/// Multi-valued ids come from a JSON array (JSON Lines) or from a string split on <see cref="Delimiter"/>.
/// </summary>
public sealed record ImportFeatureMapping(string Name, string Column, FeatureKind Kind, string? Delimiter)
{
    /// <summary>The feature as the log writer needs it (side from the <c>user.</c> prefix; encoding sizes are the pipelines' business).</summary>
    public FeatureDefinition ToDefinition() => new(
        Name,
        Name.StartsWith(LogContract.UserFeaturePrefix, StringComparison.Ordinal) ? FeatureSide.User : FeatureSide.Item,
        Kind,
        Name,
        HashBuckets: Kind == FeatureKind.Numeric ? 0 : 1,
        EmbeddingDim: Kind == FeatureKind.Numeric ? 0 : 1,
        MaxLength: Kind == FeatureKind.MultiCategorical ? 1 : 0);
}
