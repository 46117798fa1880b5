namespace CascadeDistill.Torch.Training;

/// <summary>Seeded row orders: one random stream per (seed, epoch), so an epoch's order does not depend on earlier epochs.</summary>
internal static class EpochShuffle
{
    public static Random ForEpoch(int seed, int epoch)
    {
        // SplitMix64 finaliser of (seed, epoch): well-mixed and stable across runtimes.
        ulong z = unchecked(((ulong)(uint)seed << 32) ^ (uint)epoch ^ 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random(unchecked((int)z));
    }

    /// <summary>A uniformly random permutation of <c>0..count-1</c> (Fisher–Yates).</summary>
    public static int[] Permutation(int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
