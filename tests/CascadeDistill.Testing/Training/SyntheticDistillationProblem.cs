using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;
using CascadeDistill.Training;

namespace CascadeDistill.Testing.Training;

/// <summary>
/// A small, learnable pointwise distillation problem generated from a seed. Every user prefers
/// one of <see cref="Categories"/> categories (<c>floor_mod(user_id, 8)</c>, which the 64-bucket
/// hash keeps) and has a history of items of that category; an item's category is
/// <c>floor_mod(item_id, 8)</c>. The label is 1 when the categories match (with
/// <see cref="LabelNoise"/> flipped); soft labels are 0.85 / 0.15 with a little noise.
/// Ids include negatives; histories include empty lists and lists longer than their max length.
/// </summary>
public static class SyntheticDistillationProblem
{
    public const int Categories = 8;
    public const double LabelNoise = 0.05;

    public static IReadOnlyList<FeatureDefinition> Features { get; } =
    [
        new("user_id", FeatureSide.User, FeatureKind.Categorical, "user_id", 64, 8, 0),
        new("user_history", FeatureSide.User, FeatureKind.MultiCategorical, "user.history", 64, 8, 4),
        new("user_age", FeatureSide.User, FeatureKind.Numeric, "user.age", 0, 0, 0),
        new("item_id", FeatureSide.Item, FeatureKind.Categorical, "item_id", 128, 8, 0),
        new("item_category", FeatureSide.Item, FeatureKind.Categorical, "item.category", 8, 4, 0),
        new("item_price", FeatureSide.Item, FeatureKind.Numeric, "item.price", 0, 0, 0),
    ];

    public static IReadOnlyDictionary<string, NumericStatistics> Statistics { get; } =
        new Dictionary<string, NumericStatistics>(StringComparer.Ordinal)
        {
            ["user_age"] = new(35f, 10f),
            ["item_price"] = new(10f, 5f),
        };

    public static StudentDefinition Student(int embeddingDim = 16, double temperature = 0.2) =>
        new("two_tower", [32], embeddingDim, temperature);

    public static TrainingDefinition Training(
        int epochs = 4, int batchSize = 64, double learningRate = 0.02, double softLabelWeight = 0, int seed = 7) =>
        new(epochs, batchSize, learningRate, WeightDecay: 0, softLabelWeight, seed, Threads: 1, Device: "cpu");

    /// <summary>A request that streams the same chunks every epoch.</summary>
    public static TrainStudentRequest Request(
        TrainingDefinition training, IReadOnlyList<DatasetChunk> chunks, StudentDefinition? student = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return new TrainStudentRequest(
            student ?? Student(),
            training,
            Features,
            Statistics,
            chunks.Sum(c => (long)c.Count),
            (_, _) => chunks);
    }

    /// <summary><paramref name="count"/> chunks of <paramref name="rows"/> examples each.</summary>
    public static IReadOnlyList<DatasetChunk> Chunks(int count, int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Chunk(rows, random)).ToArray();
    }

    public static DatasetChunk Chunk(int rows, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var userIds = new long[rows];
        var histories = new IReadOnlyList<long>[rows];
        var ages = new float[rows];
        var itemIds = new long[rows];
        var itemCategories = new long[rows];
        var prices = new float[rows];
        var labels = new float[rows];
        var weights = new float[rows];
        var soft = new float[rows];
        var positions = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            userIds[r] = random.NextInt64(-500, 500);
            long category = FeatureDefinition.Bucket(userIds[r], Categories);
            histories[r] = History(random, category);
            ages[r] = (float)(35 + (10 * ((random.NextDouble() * 2) - 1)));
            bool match = random.NextDouble() < 0.5;
            long itemCategory = match ? category : (category + 1 + random.Next(Categories - 1)) % Categories;
            itemIds[r] = ItemOf(random, itemCategory);
            itemCategories[r] = itemCategory;
            prices[r] = (float)(random.NextDouble() * 20);
            bool positive = match ^ (random.NextDouble() < LabelNoise);
            labels[r] = positive ? 1f : 0f;
            positions[r] = positive ? 1 + random.Next(5) : 6 + random.Next(20);
            weights[r] = positive ? 1f + (1f / positions[r]) : 1f;
            soft[r] = (float)((match ? 0.85 : 0.15) + ((random.NextDouble() - 0.5) * 0.1));
        }
        return new DatasetChunk
        {
            RequestIds = [.. Enumerable.Range(0, rows).Select(r => $"req-{r / 10}")],
            ItemIds = itemIds,
            Positions = positions,
            Labels = labels,
            Weights = weights,
            SoftLabels = soft,
            TeacherLogits = [.. soft.Select(s => MathF.Log(s / (1 - s)))],
            Features = new FeatureBatch(rows, new Dictionary<string, FeatureColumn>(StringComparer.Ordinal)
            {
                ["user_id"] = new CategoricalColumn(userIds),
                ["user_history"] = MultiCategoricalColumn.FromRows(histories),
                ["user_age"] = new NumericColumn(ages),
                ["item_id"] = new CategoricalColumn(itemIds),
                ["item_category"] = new CategoricalColumn(itemCategories),
                ["item_price"] = new NumericColumn(prices),
            }),
        };
    }

    // An item id (possibly negative) whose floor_mod by 8 is the category.
    private static long ItemOf(Random random, long category) => (random.NextInt64(-100, 100) * Categories) + category;

    // 0..6 items of the category: empty lists and lists longer than max length 4 both occur.
    private static long[] History(Random random, long category) =>
        [.. Enumerable.Range(0, random.Next(7)).Select(_ => ItemOf(random, category))];
}
