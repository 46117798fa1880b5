using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Quality;

namespace CascadeDistill.Core.Tests.Quality;

/// <summary>Drift figures of hand-made partitions and the warn / block thresholds.</summary>
public sealed class DriftComparerTests
{
    private static readonly DateOnly s_day = new(2025, 3, 14);
    private static readonly FeatureDefinition s_tags = new("tags", FeatureSide.Item, FeatureKind.MultiCategorical, "item.tags", 10, 4, 5);

    [Fact]
    public void Compare_DoubledVolumeShiftedLogitsAndLostCoverage_GivesTheHandComputedFigures()
    {
        // Baseline: 2 days × 2 requests of 3 rows, logits 0.5, labels 1 of 3, tags on every row.
        PartitionProfile baseline = Profile([s_day.AddDays(-2), s_day.AddDays(-1)], requests: 4, rows: 3, logit: 0.5f, tags: true);
        // Partition: 4 requests of 2 rows (volume ×2, candidates 3 → 2), logits 2.5 (another unit bin), no tags.
        PartitionProfile current = Profile([s_day], requests: 4, rows: 2, logit: 2.5f, tags: false);
        var quality = QualityDefinition.Default with
        {
            Drift = new Dictionary<string, DriftThresholdDefinition>(QualityDefinition.Default.Drift)
            {
                [DriftMetrics.RequestVolume] = new(0.5, 0.9),
            },
        };

        DriftReport report = DriftComparer.Compare(s_day, current, baseline, quality);

        DriftFigure volume = report.Figures.Single(f => f.Name == "request_volume");
        Assert.Equal((4.0, 2.0, 1.0, DriftFigure.Block), (volume.Current, volume.Baseline, volume.Value, volume.Status));
        DriftFigure candidates = report.Figures.Single(f => f.Name == "candidates_per_request");
        Assert.Equal((2.0, 3.0, 0.333333, DriftFigure.Warn), (candidates.Current, candidates.Baseline, candidates.Value, candidates.Status));
        DriftFigure js = report.Figures.Single(f => f.Name == "teacher_logit_js.click");
        Assert.Equal(1.0, js.Value);   // disjoint bins
        Assert.Equal(DriftFigure.Warn, js.Status);
        DriftFigure labels = report.Figures.Single(f => f.Name == "label_rate.click");
        Assert.Equal((0.5, 0.333333, 0.5), (labels.Current, labels.Baseline, labels.Value));   // 1 of 2 against 1 of 3: (1/2 − 1/3) / (1/3)
        DriftFigure coverage = report.Figures.Single(f => f.Name == "feature_coverage.item.tags");
        Assert.Equal((0.0, 1.0, 1.0, DriftFigure.Warn), (coverage.Current, coverage.Baseline, coverage.Value, coverage.Status));
        Assert.Equal(["request_volume"], report.Blocking.Select(f => f.Name));
        Assert.Equal(0.5, report.TeacherLogits["click"].Baseline["p50"], 1);
        Assert.Equal(2.5, report.TeacherLogits["click"].Current["p50"], 1);
    }

    [Fact]
    public void Compare_NoBaselineDay_ComparesNothing()
    {
        PartitionProfile current = Profile([s_day], requests: 2, rows: 2, logit: 0, tags: true);

        DriftReport report = DriftComparer.Compare(s_day, current, new PartitionProfile([]), QualityDefinition.Default);

        Assert.Empty(report.Figures);
        Assert.Empty(report.BaselineDays);
    }

    [Theory]
    [InlineData(10, 5, 1.0)]
    [InlineData(5, 10, 0.5)]
    [InlineData(3, 0, 3.0)]
    public void RelativeChange_IsTheChangeOverTheBaseline(double current, double baseline, double expected) =>
        Assert.Equal(expected, DriftComparer.RelativeChange(current, baseline), 12);

    private static PartitionProfile Profile(DateOnly[] days, int requests, int rows, float logit, bool tags)
    {
        var profile = new PartitionProfile(days);
        for (int r = 0; r < requests; r++)
        {
            var offsets = new int[rows + 1];
            for (int i = 1; i <= rows; i++)
            {
                offsets[i] = tags ? i : 0;
            }
            var block = new RequestBlock
            {
                RequestId = "r" + r,
                EventTime = new DateTimeOffset(days[0].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                UserId = 1,
                ItemIds = [.. Enumerable.Range(1, rows).Select(i => (long)i)],
                Positions = [.. Enumerable.Range(1, rows)],
                TeacherLogits = new Dictionary<string, float[]> { ["click"] = [.. Enumerable.Repeat(logit, rows)] },
                Labels = new Dictionary<string, float[]> { ["click"] = [.. Enumerable.Range(0, rows).Select(i => i == 0 ? 1f : 0f)] },
                Features = new FeatureBatch(rows, new Dictionary<string, FeatureColumn>
                {
                    ["tags"] = new MultiCategoricalColumn([.. Enumerable.Range(0, tags ? rows : 0).Select(i => 7L)], offsets),
                }),
            };
            profile.Add(block, [s_tags]);
        }
        return profile;
    }
}
