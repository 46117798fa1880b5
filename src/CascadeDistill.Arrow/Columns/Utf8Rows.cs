using System.Text;
using Apache.Arrow;

namespace CascadeDistill.Arrow.Columns;

/// <summary>Reads utf8 rows as byte spans straight from a StringArray's offset and data buffers.</summary>
internal static class Utf8Rows
{
    public static ReadOnlySpan<byte> Bytes(StringArray array, int row)
    {
        ReadOnlySpan<int> offsets = array.ValueOffsets;
        return array.Values.Slice(offsets[row], offsets[row + 1] - offsets[row]);
    }

    public static bool SameValue(StringArray array, int row, int other) =>
        Bytes(array, row).SequenceEqual(Bytes(array, other));

    public static string Text(StringArray array, int row) => Encoding.UTF8.GetString(Bytes(array, row));
}
