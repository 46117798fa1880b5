using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Tests.Support;

/// <summary>Exact comparison of request blocks written and read back.</summary>
internal static class RequestAssert
{
    public static void Equal(RequestBlock expected, RequestBlock actual, IReadOnlyList<FeatureDefinition> features, bool labels, bool rerank)
    {
        Assert.Equal(expected.RequestId, actual.RequestId);
        Assert.Equal(expected.EventTime, actual.EventTime);
        Assert.Equal(TimeSpan.Zero, actual.EventTime.Offset);
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.ItemIds, actual.ItemIds);
        Assert.Equal(expected.Positions, actual.Positions);
        Assert.Equal(rerank ? expected.RerankPositions : null, actual.RerankPositions);
        Assert.Equal(expected.TeacherLogits.Keys.Order(StringComparer.Ordinal), actual.TeacherLogits.Keys.Order(StringComparer.Ordinal));
        foreach ((string objective, float[] logits) in expected.TeacherLogits)
        {
            Assert.Equal(logits, actual.TeacherLogits[objective]);
        }
        if (labels)
        {
            Assert.Equal(expected.Labels.Count, actual.Labels.Count);
            foreach ((string objective, float[] values) in expected.Labels)
            {
                // NaN (unknown) is written as null and read back as NaN; xunit's float equality treats NaN == NaN.
                Assert.Equal(values, actual.Labels[objective]);
            }
        }
        else
        {
            Assert.Empty(actual.Labels);
        }
        Assert.Equal(features.Count, actual.Features.Columns.Count);
        FeatureAssert.Equal(expected.Features, actual.Features, features.Select(f => f.Name));
    }
}
