using Apache.Arrow;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Features;

/// <summary>float32 values ↔ <see cref="NumericColumn"/>.</summary>
internal sealed class NumericFeatureBuffer : FeatureBuffer
{
    private readonly GrowableBuffer<float> _values = new(1024);

    public override int Count => _values.Count;

    public override void Append(FeatureColumn column, int start, int count) =>
        _values.AddRange(Expect<NumericColumn>(column).Values.AsSpan(start, count));

    public override void Append(IArrowArray array, int start, int count) =>
        _values.AddRange(((FloatArray)array).Values.Slice(start, count));

    public override FeatureColumn ToColumn() => new NumericColumn(_values.ToArray());

    public override IArrowArray ToArrowArray() => ArrowArrays.Float(_values.AsSpan());

    public override void Clear() => _values.Clear();
}
