namespace CascadeDistill.Features;

/// <summary>One float32 per row.</summary>
public sealed class NumericColumn(float[] values) : FeatureColumn
{
    public float[] Values { get; } = values ?? throw new ArgumentNullException(nameof(values));

    public override int Length => Values.Length;

    public override FeatureColumn Select(ReadOnlySpan<int> rows)
    {
        var result = new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            result[i] = Values[rows[i]];
        }
        return new NumericColumn(result);
    }
}
