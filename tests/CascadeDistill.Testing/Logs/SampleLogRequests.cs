using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Testing.Logs;

/// <summary>
/// Deterministic, contract-valid log requests for round-trip tests: distinct items, positions that are a
/// permutation of 1..k over the first k candidates (the rest cut), optional labels with unknowns (NaN) and
/// re-rank positions (every third request not re-ranked), and values for every declared feature.
/// </summary>
public static class SampleLogRequests
{
    /// <summary>One feature of each kind on each side.</summary>
    public static IReadOnlyList<FeatureDefinition> AllKindsFeatures { get; } =
    [
        new("user_id", FeatureSide.User, FeatureKind.Categorical, LogContract.UserId, 1000, 8, 0),
        new("user_segments", FeatureSide.User, FeatureKind.MultiCategorical, "user.segments", 64, 4, 5),
        new("user_age", FeatureSide.User, FeatureKind.Numeric, "user.age", 0, 0, 0),
        new("item_id", FeatureSide.Item, FeatureKind.Categorical, LogContract.ItemId, 5000, 8, 0),
        new("item_tags", FeatureSide.Item, FeatureKind.MultiCategorical, "item.tags", 128, 4, 3),
        new("item_price", FeatureSide.Item, FeatureKind.Numeric, "item.price", 0, 0, 0),
    ];

    public static IReadOnlyList<RequestBlock> Create(
        int requests,
        IReadOnlyList<string> objectives,
        IReadOnlyList<FeatureDefinition> features,
        bool withLabels,
        bool withRerank,
        int seed)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(features);
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 3, 14, 8, 0, 0, TimeSpan.Zero);
        var blocks = new List<RequestBlock>(requests);
        for (int r = 0; r < requests; r++)
        {
            int count = 1 + random.Next(9);
            int ranked = random.Next(count + 1);
            long userId = 100 + random.Next(7);
            long[] items = [.. Enumerable.Range(0, count).Select(j => (r * 100L) + (j * 3) + 1)];
            blocks.Add(new RequestBlock
            {
                RequestId = $"req-{r:D4}",
                EventTime = start.AddMilliseconds(r * 1_250L),
                UserId = userId,
                ItemIds = items,
                Positions = Positions(random, count, ranked),
                RerankPositions = withRerank && r % 3 != 0 ? Positions(random, count, random.Next(count + 1)) : null,
                TeacherLogits = objectives.ToDictionary(o => o, _ => Floats(random, count), StringComparer.Ordinal),
                Labels = withLabels
                    ? objectives.ToDictionary(o => o, _ => Labels(random, count), StringComparer.Ordinal)
                    : new Dictionary<string, float[]>(StringComparer.Ordinal),
                Features = Features(random, features, count, userId, items),
            });
        }
        return blocks;
    }

    private static int[] Positions(Random random, int count, int ranked)
    {
        int[] order = [.. Enumerable.Range(1, ranked)];
        random.Shuffle(order);
        var positions = new int[count];
        order.CopyTo(positions, 0);
        return positions;
    }

    private static float[] Floats(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 8) - 4))];

    private static float[] Labels(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => random.Next(3) switch { 0 => 0f, 1 => 1f, _ => float.NaN })];

    private static FeatureBatch Features(Random random, IReadOnlyList<FeatureDefinition> features, int count, long userId, long[] items)
    {
        var columns = new Dictionary<string, FeatureColumn>(StringComparer.Ordinal);
        // User-side values repeat on every row of the request.
        long[] segments = [.. Enumerable.Range(0, random.Next(4)).Select(_ => (long)random.Next(-50, 50))];
        float age = random.Next(18, 80);
        foreach (FeatureDefinition feature in features)
        {
            bool user = feature.Side == FeatureSide.User;
            columns[feature.Name] = feature.Kind switch
            {
                FeatureKind.Categorical when feature.Column == LogContract.UserId => new CategoricalColumn([.. Enumerable.Repeat(userId, count)]),
                FeatureKind.Categorical when feature.Column == LogContract.ItemId => new CategoricalColumn([.. items]),
                FeatureKind.Categorical => new CategoricalColumn([.. Enumerable.Range(0, count).Select(_ => (long)random.Next(-1000, 1000))]),
                FeatureKind.MultiCategorical => MultiCategoricalColumn.FromRows(
                    [.. Enumerable.Range(0, count).Select(_ => user
                        ? (IReadOnlyList<long>)segments
                        : [.. Enumerable.Range(0, random.Next(5)).Select(_ => (long)random.Next(0, 10_000))])]),
                FeatureKind.Numeric => new NumericColumn(
                    [.. Enumerable.Range(0, count).Select(_ => user ? age : (float)Math.Round(random.NextDouble() * 100, 2))]),
                _ => throw new ArgumentOutOfRangeException(nameof(features), feature.Kind, "Unknown feature kind."),
            };
        }
        return new FeatureBatch(count, columns);
    }
}
