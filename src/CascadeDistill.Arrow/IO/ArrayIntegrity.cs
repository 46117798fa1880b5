using Apache.Arrow;
using Apache.Arrow.Types;

namespace CascadeDistill.Arrow.IO;

/// <summary>
/// Checks that an array read from a file is self-consistent (buffers long enough for its length, offsets
/// monotonic and inside their data) before its value spans are sliced. Arrow IPC carries no checksums and the
/// reader trusts the lengths in the file, so a corrupt body would otherwise fail later with an index error.
/// </summary>
internal static class ArrayIntegrity
{
    /// <exception cref="InvalidDataException">The array's buffers do not match its declared shape.</exception>
    public static void Check(IArrowArray array, string column)
    {
        ArrayData data = array.Data;
        long end = (long)data.Offset + data.Length;
        if (data.Offset < 0 || data.Length < 0 || end > int.MaxValue)
        {
            throw Corrupt(column, $"offset {data.Offset} and length {data.Length} are invalid");
        }
        ReadOnlySpan<byte> validity = data.Buffers.Length > 0 ? data.Buffers[0].Span : default;
        if (!validity.IsEmpty && (long)validity.Length * 8 < end)
        {
            throw Corrupt(column, "the validity bitmap is shorter than the array");
        }
        switch (data.DataType)
        {
            case FixedWidthType fixedWidth when data.DataType is not BooleanType:
                RequireBytes(data, 1, end * fixedWidth.BitWidth / 8, column);
                break;
            case StringType:
                CheckOffsets(data, end, data.Buffers[2].Length, column);
                break;
            case ListType:
                CheckOffsets(data, end, data.Children[0].Length, column);
                Check(ArrowArrayFactory.BuildArray(data.Children[0]), column);
                break;
            case FixedSizeListType fixedSize:
                if (data.Children[0].Length < end * fixedSize.ListSize)
                {
                    throw Corrupt(column, "the list values are fewer than length × list size");
                }
                Check(ArrowArrayFactory.BuildArray(data.Children[0]), column);
                break;
            default:
                break;
        }
    }

    private static void RequireBytes(ArrayData data, int buffer, long bytes, string column)
    {
        if (data.Buffers.Length <= buffer || data.Buffers[buffer].Length < bytes)
        {
            throw Corrupt(column, $"buffer {buffer} holds fewer than the {bytes} bytes its length needs");
        }
    }

    private static void CheckOffsets(ArrayData data, long end, int valueCount, string column)
    {
        RequireBytes(data, 1, (end + 1) * sizeof(int), column);
        ReadOnlySpan<int> offsets = System.Runtime.InteropServices.MemoryMarshal
            .Cast<byte, int>(data.Buffers[1].Span)
            .Slice(data.Offset, data.Length + 1);
        if (offsets[0] < 0 || offsets[^1] > valueCount)
        {
            throw Corrupt(column, "offsets point outside the values");
        }
        for (int i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
            {
                throw Corrupt(column, "offsets decrease");
            }
        }
    }

    private static InvalidDataException Corrupt(string column, string detail) =>
        new($"Column '{column}' is corrupt: {detail}.");
}
