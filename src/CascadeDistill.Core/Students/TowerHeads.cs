namespace CascadeDistill.Students;

/// <summary>
/// A tower's per-objective heads: its last layer stacks one projection of <see cref="HeadWidth"/>
/// outputs per head, in <see cref="Names"/> order. Each head's slice is L2-normalised on its own
/// (the head's vector); the tower's serving output is the concatenation of the head vectors, head k
/// multiplied by <c>Scales[k]</c>. With the fusion weights as the user tower's scales and 1 as the item
/// tower's, <c>dot(user, item) = Σ_k w_k · dot(u_k, v_k)</c>: the fusion-weighted sum of the heads' scores.
/// </summary>
/// <param name="Names">The objective of each head.</param>
/// <param name="Scales">The factor of each head vector in the serving output (finite, positive).</param>
public sealed record TowerHeads(IReadOnlyList<string> Names, IReadOnlyList<float> Scales)
{
    public int Count => Names.Count;

    /// <summary>All scales 1 (the item tower's heads).</summary>
    public static TowerHeads Unscaled(IReadOnlyList<string> names) => new(names, [.. names.Select(_ => 1f)]);
}
