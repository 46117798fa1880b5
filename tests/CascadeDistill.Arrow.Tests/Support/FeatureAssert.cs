using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Tests.Support;

/// <summary>Exact comparison of feature batches (values written and read back must be identical).</summary>
internal static class FeatureAssert
{
    public static void Equal(FeatureBatch expected, FeatureBatch actual, IEnumerable<string> names)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        foreach (string name in names)
        {
            Equal(expected[name], actual[name]);
        }
    }

    public static void Equal(FeatureColumn expected, FeatureColumn actual)
    {
        switch (expected)
        {
            case CategoricalColumn categorical:
                Assert.Equal(categorical.Values, Assert.IsType<CategoricalColumn>(actual).Values);
                break;
            case MultiCategoricalColumn multi:
                var actualMulti = Assert.IsType<MultiCategoricalColumn>(actual);
                Assert.Equal(multi.Offsets, actualMulti.Offsets);
                Assert.Equal(multi.Values, actualMulti.Values);
                break;
            case NumericColumn numeric:
                Assert.Equal(numeric.Values, Assert.IsType<NumericColumn>(actual).Values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(expected), expected.GetType().Name, "Unknown column type.");
        }
    }
}
