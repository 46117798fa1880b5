namespace CascadeDistill.Simulation;

/// <summary>Sampling helpers over a seeded <see cref="Random"/>.</summary>
internal static class RandomExtensions
{
    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double NextGaussian(this Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>An index drawn with probability proportional to its weight, given the weights' running sums.</summary>
    public static int NextWeighted(this Random random, double[] cumulative)
    {
        double target = random.NextDouble() * cumulative[^1];
        int index = Array.BinarySearch(cumulative, target);
        index = index < 0 ? ~index : index;
        return Math.Min(index, cumulative.Length - 1);
    }

    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var sums = new double[weights.Count];
        double total = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            total += weights[i];
            sums[i] = total;
        }
        return sums;
    }
}
