namespace CascadeDistill.Students;

/// <summary>
/// A trained two-tower student. Each tower ends with L2 normalisation; the score of (user, item)
/// is <c>dot(u, v) / Temperature</c>. Serving needs only the normalised vectors (order is the same).
/// </summary>
public sealed record TwoTowerWeights(TowerWeights User, TowerWeights Item, float Temperature)
{
    /// <summary>The epsilon of the L2 normalisation: <c>v / max(||v||, NormEpsilon)</c>.</summary>
    public const float NormEpsilon = 1e-12f;

    public int EmbeddingDim => User.OutputWidth;
}
