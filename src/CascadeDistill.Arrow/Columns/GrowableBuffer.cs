namespace CascadeDistill.Arrow.Columns;

/// <summary>A reusable, growable run of unmanaged values (the backing store of a column being built).</summary>
internal sealed class GrowableBuffer<T>
    where T : unmanaged
{
    private T[] _items;

    public GrowableBuffer(int capacity = 16)
    {
        _items = new T[Math.Max(capacity, 1)];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<T> AsSpan() => _items.AsSpan(0, Count);

    public void Add(T item)
    {
        EnsureCapacity(Count + 1);
        _items[Count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        EnsureCapacity(Count + items.Length);
        items.CopyTo(_items.AsSpan(Count));
        Count += items.Length;
    }

    /// <summary>Appends <paramref name="count"/> slots and returns them for the caller to fill.</summary>
    public Span<T> Append(int count)
    {
        EnsureCapacity(Count + count);
        Span<T> slots = _items.AsSpan(Count, count);
        Count += count;
        return slots;
    }

    public void Clear() => Count = 0;

    public T[] ToArray() => AsSpan().ToArray();

    private void EnsureCapacity(int required)
    {
        if (required > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(required, _items.Length * 2));
        }
    }
}
