namespace CascadeDistill.Datasets.Pairwise;

/// <summary>
/// One training pair of a request: the candidate at <see cref="IndexHi"/> (0-based, into the
/// request's arrays) is ranked above the one at <see cref="IndexLo"/> by the teacher.
/// </summary>
public readonly record struct RankedPair(int IndexHi, int IndexLo, float Weight);
