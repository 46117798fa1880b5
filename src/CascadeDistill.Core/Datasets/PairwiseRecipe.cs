using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Datasets;

/// <summary>
/// The pairwise (BPR) recipe. Pairs are not materialised: the dataset has the listwise layout (every
/// candidate of a request, one contiguous block, positions and fused teacher logits kept) and the
/// trainer draws each request's pairs per batch with <see cref="PairSampler"/>, seeded by
/// <c>training.seed</c> and the request id, so it draws exactly the pairs counted here. The recipe
/// samples them once while building to count them (<see cref="Pairs"/>, written to the manifest) and
/// to skip requests that yield none (<see cref="SkipReasons.NoPairs"/>); short requests and requests
/// with no ranked item are skipped as in <see cref="ListwiseRecipe"/>.
/// With <c>dataset.labels: ground_truth</c> a request's block holds its labelled candidates only
/// (<see cref="GroundTruthLists"/>) and the trainer pairs every clicked candidate with every shown
/// candidate that was not clicked; <see cref="Pairs"/> stays empty (the sampling settings are unused).
/// </summary>
public sealed class PairwiseRecipe
{
    public const string Name = "pairwise";

    private readonly DatasetDefinition _definition;
    private readonly RequestPairDrawer _drawer;
    private readonly int _minListLength;
    private readonly string? _groundTruthLabel;

    /// <param name="seed"><c>training.seed</c>: the pair sampler's seed (the trainer uses the same).</param>
    /// <param name="groundTruthLabel">The logged label written to the label column (<c>training.ground_truth.label</c>), or null.</param>
    /// <exception cref="RecipeDefinitionException">The pair sampling or grades declaration has errors.</exception>
    public PairwiseRecipe(DatasetDefinition definition, int seed, string? groundTruthLabel = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Recipe != Name)
        {
            throw new ArgumentException($"Recipe '{definition.Recipe}' is not '{Name}'.", nameof(definition));
        }
        if (definition.Pairwise is null)
        {
            throw new ArgumentException("The pairwise recipe needs dataset.pairwise.", nameof(definition));
        }
        if (definition.CatalogueNegatives != 0)
        {
            throw new ArgumentException("The pairwise recipe takes no catalogue negatives.", nameof(definition));
        }
        _definition = definition;
        _drawer = new RequestPairDrawer(definition.Pairwise, seed);
        _minListLength = Math.Max(PipelineDefaults.MinListLength, definition.Pairwise.MinListLength);
        _groundTruthLabel = groundTruthLabel;
    }

    /// <summary>Pair counts over the requests used so far.</summary>
    public PairAccounting Pairs { get; private set; } = PairAccounting.Empty;

    /// <summary>Adds the request's rows to <paramref name="into"/> as one contiguous block and counts them and their pairs.</summary>
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
        PairDraw draw = _drawer.Draw(block.RequestId, block.Positions, TeacherFusion.Fuse(block, _definition.Fusion));
        if (draw.Pairs.Count == 0)
        {
            accounting.RequestSkipped(block.Count, SkipReasons.NoPairs);
            return;
        }
        CandidateRows.Add(block, _definition, into, _groundTruthLabel);
        accounting.RequestUsed(block.Count);
        Pairs = Pairs.Add(draw);
    }
}
