namespace CascadeDistill.Datasets.Pairwise;

/// <summary>The weight attached to each sampled pair.</summary>
public enum PairWeighting
{
    /// <summary>Every pair weighs 1.</summary>
    None,

    /// <summary><c>1 / log2(1 + rank_hi)</c>: pairs headed by a top item weigh more.</summary>
    PositionDecay,

    /// <summary>
    /// <c>|ΔNDCG|</c> of swapping the two items in the teacher order, given graded relevance
    /// (LambdaRank); pairs of equal grade weigh 0 and are dropped.
    /// </summary>
    DeltaNdcg,
}
