namespace CascadeDistill.Features;

/// <summary>
/// Feature values for a batch of rows, keyed by feature name. Every column has <see cref="RowCount"/> rows.
/// </summary>
public sealed class FeatureBatch
{
    public FeatureBatch(int rowCount, IReadOnlyDictionary<string, FeatureColumn> columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(columns);
        foreach ((string name, FeatureColumn column) in columns)
        {
            if (column.Length != rowCount)
            {
                throw new ArgumentException($"Feature '{name}' has {column.Length} rows, expected {rowCount}.", nameof(columns));
            }
        }
        RowCount = rowCount;
        Columns = columns;
    }

    public int RowCount { get; }

    public IReadOnlyDictionary<string, FeatureColumn> Columns { get; }

    public FeatureColumn this[string name] =>
        Columns.TryGetValue(name, out FeatureColumn? column)
            ? column
            : throw new KeyNotFoundException($"Feature '{name}' is not in this batch.");

    /// <summary>The given rows, in that order.</summary>
    public FeatureBatch Select(ReadOnlySpan<int> rows)
    {
        var columns = new Dictionary<string, FeatureColumn>(Columns.Count, StringComparer.Ordinal);
        foreach ((string name, FeatureColumn column) in Columns)
        {
            columns[name] = column.Select(rows);
        }
        return new FeatureBatch(rows.Length, columns);
    }

    /// <summary>Rows <c>[start, start + count)</c>.</summary>
    public FeatureBatch Slice(int start, int count)
    {
        int[] rows = Enumerable.Range(start, count).ToArray();
        return Select(rows);
    }
}
