using CascadeDistill.Features;

namespace CascadeDistill.Logs;

/// <summary>The item catalogue file (<c>catalogue/items.arrow</c>): item_id plus item feature columns.</summary>
public interface ICatalogueStore
{
    bool Exists { get; }

    void Write(Catalogue catalogue, IReadOnlyList<FeatureDefinition> itemFeatures);

    /// <summary>Reads the catalogue with the given item-side features.</summary>
    Catalogue Read(IReadOnlyList<FeatureDefinition> itemFeatures, CancellationToken cancellationToken);
}
