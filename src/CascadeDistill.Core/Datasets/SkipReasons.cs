namespace CascadeDistill.Datasets;

/// <summary>Stable reason codes for rows a dataset recipe does not use.</summary>
public static class SkipReasons
{
    /// <summary>The request's final list is empty (every candidate cut): no teacher order to learn from.</summary>
    public const string NoRankedItems = "no_ranked_items";

    /// <summary>The request has a single candidate: nothing to rank.</summary>
    public const string SingleCandidate = "single_candidate";

    /// <summary>The listwise recipe: the request has fewer candidates than <c>dataset.listwise.min_list_length</c>.</summary>
    public const string ListTooShort = "list_too_short";

    /// <summary>The pairwise recipe: the sampling strategy drew no pair from the request (e.g. every ΔNDCG weight is 0).</summary>
    public const string NoPairs = "no_pairs";

    /// <summary><c>dataset.ranked_list: rerank</c>: the request was logged without re-rank positions.</summary>
    public const string NoRerankPositions = "no_rerank_positions";

    /// <summary>Ground-truth labels: the candidate has no logged label (it was never shown).</summary>
    public const string Unlabelled = "unlabelled";

    /// <summary>Ground-truth labels: no candidate of the request has a logged label.</summary>
    public const string NoLabels = "no_labels";

    /// <summary>Ground-truth lists and pairs: every labelled candidate of the request has the same label (nothing to rank).</summary>
    public const string NoLabelContrast = "no_label_contrast";
}
