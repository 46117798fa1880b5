using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Datasets;

/// <summary>
/// The listwise recipe: the same rows as <see cref="PointwiseRecipe"/> (every candidate of a
/// request, positions, fused teacher logits and position weights kept), written as one contiguous
/// block per request so the trainer can rebuild each request's list. Never adds catalogue
/// negatives: a list is what the teacher scored. Requests with fewer candidates than
/// <c>dataset.listwise.min_list_length</c> are skipped (<see cref="SkipReasons.ListTooShort"/>;
/// a single candidate is <see cref="SkipReasons.SingleCandidate"/>), as are requests with no ranked item.
/// With <c>dataset.labels: ground_truth</c> a list holds the request's labelled candidates only (<see cref="GroundTruthLists"/>).
/// </summary>
public sealed class ListwiseRecipe
{
    public const string Name = "listwise";

    private readonly DatasetDefinition _definition;
    private readonly int _minListLength;
    private readonly string? _groundTruthLabel;

    /// <param name="groundTruthLabel">The logged label written to the label column (<c>training.ground_truth.label</c>), or null.</param>
    public ListwiseRecipe(DatasetDefinition definition, string? groundTruthLabel = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Recipe != Name)
        {
            throw new ArgumentException($"Recipe '{definition.Recipe}' is not '{Name}'.", nameof(definition));
        }
        if (definition.Listwise is null)
        {
            throw new ArgumentException("The listwise recipe needs dataset.listwise.", nameof(definition));
        }
        if (definition.CatalogueNegatives != 0)
        {
            throw new ArgumentException("The listwise recipe takes no catalogue negatives.", nameof(definition));
        }
        _definition = definition;
        _minListLength = Math.Max(PipelineDefaults.MinListLength, definition.Listwise.MinListLength);
        _groundTruthLabel = groundTruthLabel;
    }

    /// <summary>Adds the request's rows to <paramref name="into"/> as one contiguous block and counts them.</summary>
    public void Apply(RequestBlock block, DatasetChunkBuilder into, RowAccounting accounting)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(accounting);
        if (block.Count < 2)
        {
            accounting.RequestSkipped(block.Count, SkipReasons.SingleCandidate);
            return;
        }
        if (block.Count < _minListLength)
        {
            accounting.RequestSkipped(block.Count, SkipReasons.ListTooShort);
            return;
        }
        if (!block.Positions.Any(p => p != LogContract.PositionCut))
        {
            accounting.RequestSkipped(block.Count, SkipReasons.NoRankedItems);
            return;
        }
        if (_definition.Labels == PipelineDefinitionValidator.GroundTruthLabels)
        {
            GroundTruthLists.Apply(block, _definition, into, accounting, _minListLength);
            return;
        }
        CandidateRows.Add(block, _definition, into, _groundTruthLabel);
        accounting.RequestUsed(block.Count);
    }
}
