namespace CascadeDistill.Datasets.Listwise;

/// <summary>Teacher ranks <see cref="FirstRank"/>..<see cref="LastRank"/> (1-based, inclusive) get <see cref="Grade"/>.</summary>
public sealed record RankBucket(int FirstRank, int LastRank, int Grade);
