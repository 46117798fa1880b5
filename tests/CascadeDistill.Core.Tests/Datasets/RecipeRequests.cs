using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Core.Tests.Datasets;

/// <summary>Small hand-made requests for the dataset-recipe tests: user 7, items 100, 101, … in row order.</summary>
internal static class RecipeRequests
{
    public static readonly FeatureDefinition[] Features =
    [
        new("user_id", FeatureSide.User, FeatureKind.Categorical, "user_id", 16, 4, 0),
        new("item_id", FeatureSide.Item, FeatureKind.Categorical, "item_id", 16, 4, 0),
    ];

    public static RequestBlock Block(string requestId, int[] positions, float[] click, float[] finish)
    {
        int n = positions.Length;
        long[] items = Enumerable.Range(0, n).Select(i => 100L + i).ToArray();
        return new RequestBlock
        {
            RequestId = requestId,
            EventTime = DateTimeOffset.UnixEpoch,
            UserId = 7,
            ItemIds = items,
            Positions = positions,
            TeacherLogits = new Dictionary<string, float[]> { ["click"] = click, ["finish"] = finish },
            Features = new FeatureBatch(n, new Dictionary<string, FeatureColumn>
            {
                ["user_id"] = new CategoricalColumn(Enumerable.Repeat(7L, n).ToArray()),
                ["item_id"] = new CategoricalColumn(items),
            }),
        };
    }
}
