namespace CascadeDistill.Pipelines;

/// <summary><c>dataset.ranked_list</c>: which logged order defines a candidate's position.</summary>
public enum RankedList
{
    /// <summary>The fine ranker's final list (log column <c>position</c>).</summary>
    Fine = 0,

    /// <summary>The re-ranked list (log column <c>rerank_position</c>).</summary>
    Rerank = 1,
}
