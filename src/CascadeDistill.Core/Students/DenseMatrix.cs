namespace CascadeDistill.Students;

/// <summary>A row-major float32 matrix: element (r, c) is <c>Values[r * Columns + c]</c>.</summary>
public sealed class DenseMatrix
{
    public DenseMatrix(int rows, int columns, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != rows * columns)
        {
            throw new ArgumentException($"Expected {rows}x{columns} values, got {values.Length}.", nameof(values));
        }
        Rows = rows;
        Columns = columns;
        Values = values;
    }

    public int Rows { get; }

    public int Columns { get; }

    public float[] Values { get; }

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);
}
