namespace CascadeDistill.Features;

/// <summary>Which tower a feature feeds. A user-side feature never reaches the item tower and vice versa.</summary>
public enum FeatureSide
{
    User,
    Item,
}
