using Apache.Arrow;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Features;

/// <summary>list&lt;int64&gt; ↔ <see cref="MultiCategoricalColumn"/> (both use offsets into one value run).</summary>
internal sealed class MultiCategoricalFeatureBuffer : FeatureBuffer
{
    private readonly GrowableBuffer<long> _values = new(1024);
    private readonly GrowableBuffer<int> _offsets = new(1024);

    public MultiCategoricalFeatureBuffer()
    {
        _offsets.Add(0);
    }

    public override int Count => _offsets.Count - 1;

    public override void Append(FeatureColumn column, int start, int count)
    {
        MultiCategoricalColumn lists = Expect<MultiCategoricalColumn>(column);
        AppendRows(lists.Values, lists.Offsets.AsSpan(start, count + 1));
    }

    public override void Append(IArrowArray array, int start, int count)
    {
        var lists = (ListArray)array;
        var values = (Int64Array)lists.Values;
        AppendRows(values.Values, lists.ValueOffsets.Slice(start, count + 1));
    }

    public override FeatureColumn ToColumn() => new MultiCategoricalColumn(_values.ToArray(), _offsets.ToArray());

    public override IArrowArray ToArrowArray() =>
        ArrowArrays.Int64List(FeatureArrowTypes.Int64List, _values.AsSpan(), _offsets.AsSpan());

    public override void Clear()
    {
        _values.Clear();
        _offsets.Clear();
        _offsets.Add(0);
    }

    // offsets: count + 1 entries indexing into values (not necessarily starting at 0).
    private void AppendRows(ReadOnlySpan<long> values, ReadOnlySpan<int> offsets)
    {
        int first = offsets[0];
        int shift = _values.Count - first;
        _values.AddRange(values[first..offsets[^1]]);
        Span<int> target = _offsets.Append(offsets.Length - 1);
        for (int i = 1; i < offsets.Length; i++)
        {
            target[i - 1] = offsets[i] + shift;
        }
    }
}
