namespace CascadeDistill.Datasets.Pairwise;

/// <summary>How pairs are drawn from one request's teacher order (see docs/recipes.md).</summary>
public enum PairSamplingStrategy
{
    /// <summary>Every pair of items at teacher ranks 1..M with different ranks.</summary>
    AllWithinTopM,

    /// <summary>Each item at ranks 1..K against S items drawn uniformly from those ranked below it.</summary>
    TopKVersusSampled,

    /// <summary>Items at ranks K-h+1..K against items at ranks K+1..K+h (the top-K boundary).</summary>
    HardBoundary,
}
