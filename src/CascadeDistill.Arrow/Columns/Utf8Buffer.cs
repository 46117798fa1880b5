using System.Text;
using Apache.Arrow;

namespace CascadeDistill.Arrow.Columns;

/// <summary>Builds a utf8 (StringArray) column from strings; a value repeated on consecutive rows is encoded once.</summary>
internal sealed class Utf8Buffer
{
    private readonly GrowableBuffer<byte> _bytes = new(1024);
    private readonly GrowableBuffer<int> _offsets = new(1024);

    public Utf8Buffer()
    {
        _offsets.Add(0);
    }

    public int Count => _offsets.Count - 1;

    /// <summary>Appends <paramref name="value"/> to <paramref name="repeat"/> consecutive rows.</summary>
    public void Add(string value, int repeat)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(repeat);
        byte[] encoded = Encoding.UTF8.GetBytes(value);
        for (int i = 0; i < repeat; i++)
        {
            _bytes.AddRange(encoded);
            _offsets.Add(_bytes.Count);
        }
    }

    public StringArray Build() =>
        new(Count, ArrowArrays.Buffer(_offsets.AsSpan()), ArrowArrays.Buffer(_bytes.AsSpan()), ArrowBuffer.Empty, 0, 0);

    public void Clear()
    {
        _bytes.Clear();
        _offsets.Clear();
        _offsets.Add(0);
    }
}
