namespace CascadeDistill.Pipelines;

/// <summary>
/// The <c>training.ground_truth</c> section (listwise and pairwise recipes): a weighted BCE on a
/// logged label (log column <c>label.LABEL</c>) mixed into the distillation loss,
/// <c>L = L_distil + weight · BCE(score, label)</c> with fixed weighting, or both terms weighted
/// by learned uncertainty (<c>training.loss_weighting: uncertainty</c>).
/// </summary>
/// <param name="Label">The logged label (an objective name, e.g. <c>click</c>).</param>
/// <param name="Weight">The fixed weight of the ground-truth term (&gt; 0).</param>
public sealed record GroundTruthDefinition(string Label, double Weight);
