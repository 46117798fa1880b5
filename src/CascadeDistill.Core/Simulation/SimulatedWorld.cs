namespace CascadeDistill.Simulation;

/// <summary>
/// The hidden ground truth behind the simulated logs: users and items with latent vectors built
/// from their (logged) segment, categories and tags plus individual noise, item quality and
/// popularity skew, and a per-user budget the logs never show. Deterministic by seed.
/// </summary>
internal sealed class SimulatedWorld
{
    private SimulatedWorld(SimulationOptions options, SimulatedUser[] users, SimulatedItem[] items, double[] userActivityCumulative, double[] itemPopularityCumulative, int[][] itemsByCategory)
    {
        Options = options;
        Users = users;
        Items = items;
        UserActivityCumulative = userActivityCumulative;
        ItemPopularityCumulative = itemPopularityCumulative;
        ItemsByCategory = itemsByCategory;
    }

    public SimulationOptions Options { get; }

    public SimulatedUser[] Users { get; }

    public SimulatedItem[] Items { get; }

    public double[] UserActivityCumulative { get; }

    public double[] ItemPopularityCumulative { get; }

    public int[][] ItemsByCategory { get; }

    public static SimulatedWorld Create(SimulationOptions options)
    {
        var random = new Random(options.Seed);
        int d = options.LatentDim;
        double[][] segments = Vectors(random, options.Segments, d, 1.0);
        double[][] categories = Vectors(random, options.Categories, d, 1.0);
        double[][] tags = Vectors(random, options.Tags, d, 0.6);

        // Category sizes follow a Zipf-like skew; a tag mostly co-occurs with "its" categories.
        double[] categoryCumulative = RandomExtensions.Cumulative(
            Enumerable.Range(0, options.Categories).Select(c => 1.0 / Math.Pow(c + 1, 0.6)).ToArray());
        var items = new SimulatedItem[options.Items];
        var byCategory = new List<int>[options.Categories];
        for (int c = 0; c < byCategory.Length; c++)
        {
            byCategory[c] = [];
        }
        var popularity = new double[options.Items];
        for (int i = 0; i < items.Length; i++)
        {
            int category = random.NextWeighted(categoryCumulative);
            int tagCount = 1 + random.Next(4);
            var itemTags = new long[tagCount];
            for (int t = 0; t < tagCount; t++)
            {
                itemTags[t] = random.NextDouble() < 0.7
                    ? ((category * 5) + random.Next(5)) % options.Tags
                    : random.Next(options.Tags);
            }
            var latent = new double[d];
            for (int k = 0; k < d; k++)
            {
                double tagMean = itemTags.Average(t => tags[t][k]);
                latent[k] = categories[category][k] + (0.8 * tagMean) + (0.45 * random.NextGaussian());
            }
            double logPopularity = 1.2 * random.NextGaussian();
            popularity[i] = Math.Exp(logPopularity);
            double quality = 0.5 * random.NextGaussian();
            double logPrice = 3.0 + (0.6 * random.NextGaussian());
            items[i] = new SimulatedItem(
                Id: 100_000 + i,
                Category: category,
                Tags: itemTags,
                Popularity: (float)logPopularity,
                Price: (float)Math.Round(Math.Exp(logPrice), 2),
                Latent: latent,
                Quality: quality);
            byCategory[category].Add(i);
        }

        var users = new SimulatedUser[options.Users];
        var activity = new double[options.Users];
        for (int u = 0; u < users.Length; u++)
        {
            int segment = random.Next(options.Segments);
            var taste = new double[d];
            for (int k = 0; k < d; k++)
            {
                taste[k] = (0.7 * segments[segment][k]) + (0.7 * random.NextGaussian());
            }
            // What the user engaged with recently: categories drawn by affinity to the user's taste.
            double[] affinity = categories.Select(c => Math.Exp(Dot(taste, c) / Math.Sqrt(d))).ToArray();
            double[] affinityCumulative = RandomExtensions.Cumulative(affinity);
            int recentCount = 2 + random.Next(8);
            var recent = new long[recentCount];
            for (int r = 0; r < recentCount; r++)
            {
                recent[r] = random.NextWeighted(affinityCumulative);
            }
            double logActivity = 0.8 * random.NextGaussian();
            activity[u] = Math.Exp(logActivity);
            users[u] = new SimulatedUser(
                Id: 1_000_000 + u,
                Segment: segment,
                RecentCategories: recent,
                Activity: (float)logActivity,
                Taste: taste,
                LogBudget: 3.0 + (0.5 * random.NextGaussian()));
        }

        return new SimulatedWorld(
            options,
            users,
            items,
            RandomExtensions.Cumulative(activity),
            RandomExtensions.Cumulative(popularity),
            byCategory.Select(l => l.ToArray()).ToArray());
    }

    /// <summary>
    /// Hidden true affinity of a user for an item: taste match, item quality, popularity, and a
    /// price-over-budget penalty (a cross feature no two-tower model over the logged features can express).
    /// </summary>
    public double Affinity(SimulatedUser user, SimulatedItem item)
    {
        double match = 1.5 * Dot(user.Taste, item.Latent) / Options.LatentDim;
        double overBudget = Math.Max(0.0, Math.Log(item.Price) - user.LogBudget);
        return match + item.Quality + (0.15 * item.Popularity) - (1.2 * overBudget);
    }

    private static double[][] Vectors(Random random, int count, int dim, double scale)
    {
        var vectors = new double[count][];
        for (int i = 0; i < count; i++)
        {
            vectors[i] = new double[dim];
            for (int k = 0; k < dim; k++)
            {
                vectors[i][k] = scale * random.NextGaussian();
            }
        }
        return vectors;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
