namespace CascadeDistill.Datasets.Pairwise;

/// <summary>
/// Pair counts of the pairwise recipe, written to the dataset manifest: per used list the sampler
/// generated <see cref="PairsGenerated"/> candidate pairs, dropped <see cref="PairsDroppedZeroWeight"/>
/// of weight 0 (ΔNDCG between equal grades), then the cap removed <see cref="PairsCapped"/>, leaving
/// <see cref="PairsKept"/> (<c>generated = dropped + capped + kept</c>). The trainer draws exactly these
/// pairs: same seed, request id and rows.
/// </summary>
public sealed record PairAccounting(long Lists, long PairsGenerated, long PairsDroppedZeroWeight, long PairsCapped, long PairsKept)
{
    public static PairAccounting Empty { get; } = new(0, 0, 0, 0, 0);

    public PairAccounting Add(PairDraw draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        return new PairAccounting(
            Lists + 1,
            PairsGenerated + draw.Generated,
            PairsDroppedZeroWeight + draw.DroppedZeroWeight,
            PairsCapped + draw.Capped,
            PairsKept + draw.Pairs.Count);
    }
}
