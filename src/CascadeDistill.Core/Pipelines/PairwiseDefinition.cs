using CascadeDistill.Datasets.Pairwise;

namespace CascadeDistill.Pipelines;

/// <summary>The <c>dataset.pairwise</c> section: settings of the pairwise (BPR) recipe.</summary>
/// <param name="Sampling">How each request's pairs are drawn from the teacher order and weighted.</param>
/// <param name="Grades">Graded relevance for <c>weighting: delta_ndcg</c>; required with it, absent otherwise.</param>
/// <param name="MinListLength">Requests with fewer candidates are skipped (reason <c>list_too_short</c>); at least 2.</param>
public sealed record PairwiseDefinition(
    PairSamplingDefinition Sampling,
    RelevanceGradesDefinition? Grades = null,
    int MinListLength = PipelineDefaults.MinListLength);
