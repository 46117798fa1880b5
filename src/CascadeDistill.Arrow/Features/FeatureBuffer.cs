using Apache.Arrow;
using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Features;

/// <summary>
/// Accumulates one feature's rows, from Arrow arrays (reading) or from <see cref="FeatureColumn"/>s (writing),
/// and hands them out as the other form. Reused across batches via <see cref="Clear"/>.
/// </summary>
internal abstract class FeatureBuffer
{
    public abstract int Count { get; }

    /// <summary>Appends rows <c>[start, start + count)</c> of <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">The column is not of this buffer's kind.</exception>
    public abstract void Append(FeatureColumn column, int start, int count);

    /// <summary>Appends rows <c>[start, start + count)</c> of an array already checked to be of this kind's Arrow type.</summary>
    public abstract void Append(IArrowArray array, int start, int count);

    public abstract FeatureColumn ToColumn();

    public abstract IArrowArray ToArrowArray();

    public abstract void Clear();

    public static FeatureBuffer Create(FeatureKind kind) => kind switch
    {
        FeatureKind.Categorical => new CategoricalFeatureBuffer(),
        FeatureKind.MultiCategorical => new MultiCategoricalFeatureBuffer(),
        FeatureKind.Numeric => new NumericFeatureBuffer(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature kind."),
    };

    /// <summary>True when <paramref name="column"/> is the column type of <paramref name="kind"/>.</summary>
    public static bool Accepts(FeatureKind kind, FeatureColumn column) => kind switch
    {
        FeatureKind.Categorical => column is CategoricalColumn,
        FeatureKind.MultiCategorical => column is MultiCategoricalColumn,
        FeatureKind.Numeric => column is NumericColumn,
        _ => false,
    };

    protected static T Expect<T>(FeatureColumn column)
        where T : FeatureColumn =>
        column as T ?? throw new ArgumentException(
            $"Expected a {typeof(T).Name}, got a {column.GetType().Name}.", nameof(column));
}
