namespace CascadeDistill.Features;

/// <summary>
/// A list of int64 ids per row, stored as Arrow stores lists: row <c>r</c> holds
/// <c>Values[Offsets[r]..Offsets[r + 1]]</c>; <c>Offsets</c> has one more entry than there are rows.
/// </summary>
public sealed class MultiCategoricalColumn : FeatureColumn
{
    public MultiCategoricalColumn(long[] values, int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != values.Length)
        {
            throw new ArgumentException("Offsets must start at 0 and end at the number of values.", nameof(offsets));
        }
        Values = values;
        Offsets = offsets;
    }

    public long[] Values { get; }

    public int[] Offsets { get; }

    public override int Length => Offsets.Length - 1;

    public ReadOnlySpan<long> Row(int row) => Values.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    public override FeatureColumn Select(ReadOnlySpan<int> rows)
    {
        var offsets = new int[rows.Length + 1];
        for (int i = 0; i < rows.Length; i++)
        {
            offsets[i + 1] = offsets[i] + Offsets[rows[i] + 1] - Offsets[rows[i]];
        }
        var values = new long[offsets[^1]];
        for (int i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(offsets[i]));
        }
        return new MultiCategoricalColumn(values, offsets);
    }

    /// <summary>Builds a column from per-row lists.</summary>
    public static MultiCategoricalColumn FromRows(IReadOnlyList<IReadOnlyList<long>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var offsets = new int[rows.Count + 1];
        for (int i = 0; i < rows.Count; i++)
        {
            offsets[i + 1] = offsets[i] + rows[i].Count;
        }
        var values = new long[offsets[^1]];
        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = 0; j < rows[i].Count; j++)
            {
                values[offsets[i] + j] = rows[i][j];
            }
        }
        return new MultiCategoricalColumn(values, offsets);
    }
}
