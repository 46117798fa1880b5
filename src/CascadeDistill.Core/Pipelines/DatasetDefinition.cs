namespace CascadeDistill.Pipelines;

/// <summary>How distillation examples are built from logged requests.</summary>
/// <param name="Recipe">Dataset recipe: <c>pointwise</c>, <c>listwise</c> or <c>pairwise</c>.</param>
/// <param name="TopK">The teacher's top K of each ranked list are positives, every other candidate a negative.</param>
/// <param name="PositionWeight">Loss weight of a positive as a function of its position; negatives weigh 1.</param>
/// <param name="Fusion">Objective → weight: the fused teacher logit is the weighted sum of the objectives' logits.</param>
/// <param name="SoftLabel">When set, each example also carries <c>sigmoid(fused / T)</c>.</param>
/// <param name="CatalogueNegatives">
/// Per request, this many catalogue items the request did not score are added as negatives (label 0,
/// soft label 0, weight 1, position -1), sampled uniformly with <c>training.seed</c>. Logs only hold
/// items that reached the fine ranker; a recall student must also learn to push down the rest.
/// </param>
/// <param name="Listwise">The <c>listwise</c> recipe's settings; required with that recipe, absent otherwise.</param>
/// <param name="Pairwise">The <c>pairwise</c> recipe's settings; required with that recipe, absent otherwise.</param>
/// <param name="InBatch">The <c>inbatch</c> recipe's settings; required with that recipe, absent otherwise.</param>
/// <param name="RankedList">Which logged order gives positions: the fine-ranked list (default) or the re-ranked one.</param>
/// <param name="Labels">
/// Where training labels come from: <c>teacher</c> (the default: the teacher's order and logits) or
/// <c>ground_truth</c> (the logged label <see cref="Label"/> alone, no teacher signal: the baseline a
/// distilled student is judged against).
/// </param>
/// <param name="Label">With <c>labels: ground_truth</c>, the objective whose logged label column <c>label.NAME</c> is learnt.</param>
public sealed record DatasetDefinition(
    string Recipe,
    int TopK,
    PositionWeightDefinition PositionWeight,
    IReadOnlyDictionary<string, double> Fusion,
    SoftLabelDefinition? SoftLabel,
    int CatalogueNegatives = 0,
    ListwiseDefinition? Listwise = null,
    PairwiseDefinition? Pairwise = null,
    InBatchDefinition? InBatch = null,
    RankedList RankedList = RankedList.Fine,
    string Labels = PipelineDefaults.Labels,
    string? Label = null);
