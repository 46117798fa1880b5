using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Datasets;

/// <summary>
/// The pointwise distillation recipe. For each request: candidates at positions 1..TopK of the
/// teacher's final list are positives (label 1, weight <c>w(pos)</c> from the declared position
/// function); every other candidate — lower in the list or cut (position 0) — is a negative
/// (label 0, weight 1). With a soft label, each example also carries <c>sigmoid(fused / T)</c>.
/// Requests with no ranked item or a single candidate are skipped with a reason. With a
/// <see cref="CatalogueNegativeSampler"/>, each used request also gets sampled catalogue negatives.
/// With <c>dataset.labels: ground_truth</c> the rows are the logged labels alone (<see cref="GroundTruthRows"/>).
/// </summary>
public sealed class PointwiseRecipe
{
    public const string Name = "pointwise";

    private readonly DatasetDefinition _definition;

    public PointwiseRecipe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Recipe != Name)
        {
            throw new ArgumentException($"Recipe '{definition.Recipe}' is not '{Name}'.", nameof(definition));
        }
        _definition = definition;
    }

    /// <summary>Adds the request's examples to <paramref name="into"/> and counts its rows.</summary>
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
        if (_definition.Labels == PipelineDefinitionValidator.GroundTruthLabels)
        {
            int labelled = GroundTruthRows.Add(block, _definition, into);
            if (labelled < 0)
            {
                accounting.RequestSkipped(block.Count, SkipReasons.NoLabels);
                return;
            }
            accounting.RequestUsed(labelled);
            if (labelled < block.Count)
            {
                accounting.RowsSkipped(block.Count - labelled, SkipReasons.Unlabelled);
            }
            sampler?.AddNegatives(block, into);
            return;
        }
        CandidateRows.Add(block, _definition, into);
        accounting.RequestUsed(block.Count);
        sampler?.AddNegatives(block, into);
    }
}
