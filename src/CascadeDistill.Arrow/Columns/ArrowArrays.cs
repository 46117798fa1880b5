using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace CascadeDistill.Arrow.Columns;

/// <summary>Builds Arrow arrays directly from value spans (one copy into an Arrow buffer, no per-element builders).</summary>
internal static class ArrowArrays
{
    public static ArrowBuffer Buffer<T>(ReadOnlySpan<T> values)
        where T : unmanaged =>
        new(MemoryMarshal.AsBytes(values).ToArray());

    public static Int64Array Int64(ReadOnlySpan<long> values) =>
        new(Buffer(values), ArrowBuffer.Empty, values.Length, 0, 0);

    public static Int32Array Int32(ReadOnlySpan<int> values) =>
        new(Buffer(values), ArrowBuffer.Empty, values.Length, 0, 0);

    /// <summary>An int32 array whose rows with <c>valid[i] == false</c> are null.</summary>
    public static Int32Array Int32(ReadOnlySpan<int> values, ReadOnlySpan<bool> valid)
    {
        ArrowBuffer bitmap = Validity(valid, out int nullCount);
        return new Int32Array(Buffer(values), bitmap, values.Length, nullCount, 0);
    }

    public static FloatArray Float(ReadOnlySpan<float> values) =>
        new(Buffer(values), ArrowBuffer.Empty, values.Length, 0, 0);

    /// <summary>A float32 array whose NaN values are written as nulls.</summary>
    public static FloatArray FloatNaNAsNull(ReadOnlySpan<float> values)
    {
        var valid = new bool[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            valid[i] = !float.IsNaN(values[i]);
        }
        ArrowBuffer bitmap = Validity(valid, out int nullCount);
        return new FloatArray(Buffer(values), bitmap, values.Length, nullCount, 0);
    }

    public static TimestampArray Timestamp(ReadOnlySpan<long> values, TimestampType type) =>
        new(type, Buffer(values), ArrowBuffer.Empty, values.Length, 0, 0);

    /// <summary>A list&lt;int64&gt; array: row <c>r</c> is <c>values[offsets[r]..offsets[r + 1]]</c>.</summary>
    public static ListArray Int64List(ListType type, ReadOnlySpan<long> values, ReadOnlySpan<int> offsets) =>
        new(type, offsets.Length - 1, Buffer(offsets), Int64(values), ArrowBuffer.Empty, 0, 0);

    /// <summary>A fixed_size_list&lt;float32&gt;[dim] array over row-major <paramref name="values"/>.</summary>
    public static FixedSizeListArray FloatFixedSizeList(FixedSizeListType type, ReadOnlySpan<float> values) =>
        new(type, values.Length / type.ListSize, Float(values), ArrowBuffer.Empty, 0, 0);

    private static ArrowBuffer Validity(ReadOnlySpan<bool> valid, out int nullCount)
    {
        nullCount = 0;
        var bitmap = new byte[(valid.Length + 7) / 8];
        for (int i = 0; i < valid.Length; i++)
        {
            if (valid[i])
            {
                bitmap[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                nullCount++;
            }
        }
        return nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(bitmap);
    }
}
