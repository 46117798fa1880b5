using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Datasets;

/// <summary>
/// The ground-truth-only variant of the listwise and pairwise recipes (<c>dataset.labels: ground_truth</c>):
/// a request becomes one contiguous block of its candidates that have a logged label for
/// <c>dataset.label</c> (<see cref="GroundTruthRows"/>: label 1 when the logged value is &gt; 0.5, else 0;
/// weight 1), so the trainer ranks clicked above shown-but-not-clicked candidates. Skipped, with a reason:
/// requests without any label (<see cref="SkipReasons.NoLabels"/>), with fewer labelled candidates than the
/// recipe's minimum list length (<see cref="SkipReasons.ListTooShort"/>), and with no contrast — every
/// labelled candidate clicked, or none (<see cref="SkipReasons.NoLabelContrast"/>); unlabelled candidates
/// of a used request are counted as <see cref="SkipReasons.Unlabelled"/>.
/// </summary>
internal static class GroundTruthLists
{
    public static void Apply(RequestBlock block, DatasetDefinition definition, DatasetChunkBuilder into, RowAccounting accounting, int minListLength)
    {
        string objective = definition.Label ?? throw new ArgumentException("dataset.label is required with ground-truth labels.", nameof(definition));
        if (!block.Labels.TryGetValue(objective, out float[]? labels))
        {
            accounting.RequestSkipped(block.Count, SkipReasons.NoLabels);
            return;
        }
        int known = 0;
        int positives = 0;
        foreach (float label in labels)
        {
            if (!float.IsNaN(label))
            {
                known++;
                positives += label > 0.5f ? 1 : 0;
            }
        }
        string? reason = known == 0 ? SkipReasons.NoLabels
            : known < minListLength ? SkipReasons.ListTooShort
            : positives == 0 || positives == known ? SkipReasons.NoLabelContrast
            : null;
        if (reason is not null)
        {
            accounting.RequestSkipped(block.Count, reason);
            return;
        }
        int added = GroundTruthRows.Add(block, definition, into);
        accounting.RequestUsed(added);
        if (added < block.Count)
        {
            accounting.RowsSkipped(block.Count - added, SkipReasons.Unlabelled);
        }
    }
}
