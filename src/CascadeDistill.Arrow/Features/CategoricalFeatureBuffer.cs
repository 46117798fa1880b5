using Apache.Arrow;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Features;

/// <summary>int64 ids ↔ <see cref="CategoricalColumn"/>.</summary>
internal sealed class CategoricalFeatureBuffer : FeatureBuffer
{
    private readonly GrowableBuffer<long> _values = new(1024);

    public override int Count => _values.Count;

    public override void Append(FeatureColumn column, int start, int count) =>
        _values.AddRange(Expect<CategoricalColumn>(column).Values.AsSpan(start, count));

    public override void Append(IArrowArray array, int start, int count) =>
        _values.AddRange(((Int64Array)array).Values.Slice(start, count));

    public override FeatureColumn ToColumn() => new CategoricalColumn(_values.ToArray());

    public override IArrowArray ToArrowArray() => ArrowArrays.Int64(_values.AsSpan());

    public override void Clear() => _values.Clear();
}
