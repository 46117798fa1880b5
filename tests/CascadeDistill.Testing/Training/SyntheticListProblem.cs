using CascadeDistill.Datasets;
using CascadeDistill.Features;

namespace CascadeDistill.Testing.Training;

/// <summary>
/// The <see cref="SyntheticDistillationProblem"/> laid out as the list recipes write it: requests of
/// <see cref="ListLength"/> contiguous candidates sharing one user (as the log contract repeats a
/// request's user features on every row). The teacher prefers items of the user's category; positions
/// are the teacher's order by logit (1-based, the lower half cut to 0); the label column holds a noisy
/// click on the preferred items.
/// </summary>
public static class SyntheticListProblem
{
    public const int ListLength = 10;

    public static IReadOnlyList<DatasetChunk> Chunks(int count, int requests, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(c => Chunk(requests, $"c{c}-", random)).ToArray();
    }

    public static DatasetChunk Chunk(int requests, string prefix, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int rows = requests * ListLength;
        DatasetChunk source = SyntheticDistillationProblem.Chunk(rows, random);
        var userIds = new long[rows];
        var histories = new IReadOnlyList<long>[rows];
        var ages = new float[rows];
        var itemCategories = ((CategoricalColumn)source.Features["item_category"]).Values;
        var teacher = new float[rows];
        var positions = new int[rows];
        var labels = new float[rows];
        var requestIds = new string[rows];
        var sourceUsers = ((CategoricalColumn)source.Features["user_id"]).Values;
        var sourceHistories = (MultiCategoricalColumn)source.Features["user_history"];
        var sourceAges = ((NumericColumn)source.Features["user_age"]).Values;
        for (int r = 0; r < requests; r++)
        {
            int first = r * ListLength;
            long category = FeatureDefinition.Bucket(sourceUsers[first], SyntheticDistillationProblem.Categories);
            for (int i = first; i < first + ListLength; i++)
            {
                userIds[i] = sourceUsers[first];
                histories[i] = sourceHistories.Row(first).ToArray();
                ages[i] = sourceAges[first];
                bool match = itemCategories[i] == category;
                teacher[i] = (float)((match ? 2.0 : -2.0) + random.NextDouble());
                labels[i] = match ^ (random.NextDouble() < SyntheticDistillationProblem.LabelNoise) ? 1f : 0f;
                requestIds[i] = $"{prefix}req-{r}";
            }
            int[] order = [.. Enumerable.Range(first, ListLength).OrderByDescending(i => teacher[i])];
            for (int rank = 0; rank < order.Length; rank++)
            {
                positions[order[rank]] = rank < ListLength / 2 ? rank + 1 : 0;
            }
        }
        var columns = new Dictionary<string, FeatureColumn>(source.Features.Columns, StringComparer.Ordinal)
        {
            ["user_id"] = new CategoricalColumn(userIds),
            ["user_history"] = MultiCategoricalColumn.FromRows(histories),
            ["user_age"] = new NumericColumn(ages),
        };
        return new DatasetChunk
        {
            RequestIds = requestIds,
            ItemIds = source.ItemIds,
            Positions = positions,
            Labels = labels,
            Weights = [.. positions.Select(p => p is >= 1 and <= 3 ? 1f + (1f / p) : 1f)],
            SoftLabels = [.. Enumerable.Repeat(float.NaN, rows)],
            TeacherLogits = teacher,
            Features = new FeatureBatch(rows, columns),
        };
    }
}
