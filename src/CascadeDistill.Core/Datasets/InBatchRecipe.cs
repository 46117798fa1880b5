using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Datasets;

/// <summary>
/// The in-batch softmax recipe (recall students): the rows of <see cref="PointwiseRecipe"/> — every
/// candidate of a request with its position, label (teacher top K), position weight and fused
/// teacher logit, then the request's sampled catalogue negatives (position -1) — written as one
/// contiguous block per request so the trainer can rebuild each request and use every other item of
/// the batch as a negative. Skips requests with a single candidate or no ranked item, with a reason.
/// </summary>
public sealed class InBatchRecipe
{
    public const string Name = "inbatch";

    private readonly DatasetDefinition _definition;
    private readonly string? _groundTruthLabel;

    /// <param name="groundTruthLabel">
    /// The logged label written to the label column (<c>training.ground_truth.label</c>), or null. With it,
    /// the weight column alone marks the teacher's top K (its position weight; 0 for every other row),
    /// since the label column no longer does.
    /// </param>
    public InBatchRecipe(DatasetDefinition definition, string? groundTruthLabel = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Recipe != Name)
        {
            throw new ArgumentException($"Recipe '{definition.Recipe}' is not '{Name}'.", nameof(definition));
        }
        if (definition.InBatch is null)
        {
            throw new ArgumentException("The inbatch recipe needs dataset.inbatch.", nameof(definition));
        }
        _definition = definition;
        _groundTruthLabel = groundTruthLabel;
    }

    /// <summary>Adds the request's rows (candidates, then sampled negatives) to <paramref name="into"/> and counts them.</summary>
    public void Apply(RequestBlock block, DatasetChunkBuilder into, RowAccounting accounting, CatalogueNegativeSampler? sampler = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(accounting);
        if (block.Count < 2)
        {
            accounting.RequestSkipped(block.Count, SkipReasons.SingleCandidate);
            return;
        }
        if (!block.Positions.Any(p => p != LogContract.PositionCut))
        {
            accounting.RequestSkipped(block.Count, SkipReasons.NoRankedItems);
            return;
        }
        CandidateRows.Add(block, _definition, into, _groundTruthLabel, weightOnlyTopK: _groundTruthLabel is not null);
        accounting.RequestUsed(block.Count);
        sampler?.AddNegatives(block, into);
    }
}
