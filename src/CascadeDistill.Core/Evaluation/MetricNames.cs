using System.Globalization;

namespace CascadeDistill.Evaluation;

/// <summary>Names under which evaluation metrics are stored and printed.</summary>
public static class MetricNames
{
    /// <summary>Recall of the teacher's top k inside the scorer's top n over each candidate list.</summary>
    public static string CandidateRecall(int k, int n) => string.Create(CultureInfo.InvariantCulture, $"candidate_recall@{k}in{n}");

    /// <summary>NDCG@k of the scorer's order against the teacher's order (graded k..1).</summary>
    public static string CandidateNdcg(int k) => string.Create(CultureInfo.InvariantCulture, $"candidate_ndcg@{k}");

    /// <summary>Recall of the teacher's top k inside the scorer's top n over the full catalogue.</summary>
    public static string CatalogueRecall(int k, int n) => string.Create(CultureInfo.InvariantCulture, $"catalogue_recall@{k}in{n}");

    /// <summary>AUC of the scorer on logged ground-truth labels of one objective (displayed candidates).</summary>
    public static string LabelAuc(string objective) => objective + "_auc";

    /// <summary>
    /// Hit rate@k of one labelled objective: among requests with at least one positive logged label
    /// (e.g. a click), the share whose scorer's top k candidates hold at least one of them.
    /// </summary>
    public static string LabelHitRate(string objective, int k) => string.Create(CultureInfo.InvariantCulture, $"{objective}_hit_rate@{k}");
}
