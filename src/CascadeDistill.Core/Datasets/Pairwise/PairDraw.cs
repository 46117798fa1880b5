namespace CascadeDistill.Datasets.Pairwise;

/// <summary>One request's sampled pairs and how many the sampler generated, dropped (weight 0) and capped on the way.</summary>
public sealed record PairDraw(IReadOnlyList<RankedPair> Pairs, int Generated, int DroppedZeroWeight, int Capped);
