using CascadeDistill.Features;

namespace CascadeDistill.Logs;

/// <summary>Every item a recall student may retrieve, with its item-side features (keyed by feature name).</summary>
public sealed record Catalogue(long[] ItemIds, FeatureBatch Features)
{
    public int Count => ItemIds.Length;
}
