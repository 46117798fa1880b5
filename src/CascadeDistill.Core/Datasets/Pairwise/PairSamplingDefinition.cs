using System.Globalization;

namespace CascadeDistill.Datasets.Pairwise;

/// <summary>
/// How one request's pairs are sampled and weighted. Only the fields of the chosen
/// <see cref="Strategy"/> are read; defaults are documented in docs/recipes.md.
/// </summary>
public sealed record PairSamplingDefinition
{
    public required PairSamplingStrategy Strategy { get; init; }

    /// <summary>M of <see cref="PairSamplingStrategy.AllWithinTopM"/>.</summary>
    public int TopM { get; init; } = 10;

    /// <summary>K of <see cref="PairSamplingStrategy.TopKVersusSampled"/> and <see cref="PairSamplingStrategy.HardBoundary"/>.</summary>
    public int TopK { get; init; } = 10;

    /// <summary>S of <see cref="PairSamplingStrategy.TopKVersusSampled"/>: lower-ranked items drawn per top item.</summary>
    public int SampledPerItem { get; init; } = 4;

    /// <summary>h of <see cref="PairSamplingStrategy.HardBoundary"/>: ranks taken on each side of K.</summary>
    public int BoundaryWidth { get; init; } = 3;

    /// <summary>At most this many pairs per request (a uniform, seeded subsample); null = no cap.</summary>
    public int? MaxPairsPerList { get; init; } = 100;

    public PairWeighting Weighting { get; init; } = PairWeighting.None;

    /// <summary>Every problem of the declaration; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Strategy))
        {
            errors.Add(Invariant($"strategy: unknown value {(int)Strategy}"));
        }
        if (!Enum.IsDefined(Weighting))
        {
            errors.Add(Invariant($"weighting: unknown value {(int)Weighting}"));
        }
        if (Strategy == PairSamplingStrategy.AllWithinTopM && TopM < 2)
        {
            errors.Add(Invariant($"top_m: must be at least 2 to form a pair, got {TopM}"));
        }
        if (Strategy is PairSamplingStrategy.TopKVersusSampled or PairSamplingStrategy.HardBoundary && TopK < 1)
        {
            errors.Add(Invariant($"top_k: must be at least 1, got {TopK}"));
        }
        if (Strategy == PairSamplingStrategy.TopKVersusSampled && SampledPerItem < 1)
        {
            errors.Add(Invariant($"sampled_per_item: must be at least 1, got {SampledPerItem}"));
        }
        if (Strategy == PairSamplingStrategy.HardBoundary && (BoundaryWidth < 1 || BoundaryWidth > TopK))
        {
            errors.Add(Invariant($"boundary_width: must be in 1..top_k ({TopK}), got {BoundaryWidth}"));
        }
        if (MaxPairsPerList is < 1)
        {
            errors.Add(Invariant($"max_pairs_per_list: must be at least 1 when set, got {MaxPairsPerList}"));
        }
        return errors;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
