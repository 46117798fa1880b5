using Apache.Arrow;
using Apache.Arrow.Types;
using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Features;

/// <summary>
/// The Arrow type of each <see cref="FeatureKind"/>, the same in logs, the catalogue and datasets:
/// Categorical → int64, MultiCategorical → list&lt;int64&gt;, Numeric → float32.
/// </summary>
public static class FeatureArrowTypes
{
    private static readonly ListType s_int64List = new(new Field("item", Int64Type.Default, nullable: false));

    public static IArrowType For(FeatureKind kind) => kind switch
    {
        FeatureKind.Categorical => Int64Type.Default,
        FeatureKind.MultiCategorical => s_int64List,
        FeatureKind.Numeric => FloatType.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature kind."),
    };

    /// <summary>True when a column of type <paramref name="type"/> can be read as a feature of <paramref name="kind"/>.</summary>
    public static bool Matches(FeatureKind kind, IArrowType type) => kind switch
    {
        FeatureKind.Categorical => type is Int64Type,
        FeatureKind.MultiCategorical => type is ListType { ValueDataType: Int64Type },
        FeatureKind.Numeric => type is FloatType,
        _ => false,
    };

    /// <summary>The type's name as the docs spell it (<c>int64</c>, <c>list&lt;int64&gt;</c>, <c>float32</c>).</summary>
    public static string Describe(FeatureKind kind) => kind switch
    {
        FeatureKind.Categorical => "int64",
        FeatureKind.MultiCategorical => "list<int64>",
        FeatureKind.Numeric => "float32",
        _ => kind.ToString(),
    };

    /// <summary>True when a feature array holds a null anywhere (list arrays: a null list or a null id).</summary>
    public static bool HasNulls(IArrowArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return array.NullCount > 0 || (array is ListArray list && list.Values.NullCount > 0);
    }

    internal static ListType Int64List => s_int64List;
}
