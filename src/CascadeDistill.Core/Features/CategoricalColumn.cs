namespace CascadeDistill.Features;

/// <summary>One int64 id per row.</summary>
public sealed class CategoricalColumn(long[] values) : FeatureColumn
{
    public long[] Values { get; } = values ?? throw new ArgumentNullException(nameof(values));

    public override int Length => Values.Length;

    public override FeatureColumn Select(ReadOnlySpan<int> rows)
    {
        var result = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            result[i] = Values[rows[i]];
        }
        return new CategoricalColumn(result);
    }
}
