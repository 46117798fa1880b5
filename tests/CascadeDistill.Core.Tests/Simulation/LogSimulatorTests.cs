using CascadeDistill.Datasets;
using CascadeDistill.Evaluation;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Simulation;

namespace CascadeDistill.Core.Tests.Simulation;

public sealed class LogSimulatorTests
{
    private static readonly SimulationOptions s_small = new()
    {
        Days = 2,
        Users = 200,
        Items = 500,
        RequestsPerDay = 300,
        CandidatesPerRequest = 40,
        ListLength = 15,
    };

    [Fact]
    public void SimulateDay_SameSeed_IsIdentical()
    {
        RequestBlock[] a = new LogSimulator(s_small).SimulateDay(s_small.StartDay).ToArray();
        RequestBlock[] b = new LogSimulator(s_small).SimulateDay(s_small.StartDay).ToArray();

        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i].RequestId, b[i].RequestId);
            Assert.Equal(a[i].ItemIds, b[i].ItemIds);
            Assert.Equal(a[i].TeacherLogits["click"], b[i].TeacherLogits["click"]);
            Assert.Equal(a[i].Labels["click"], b[i].Labels["click"]);
        }
    }

    [Fact]
    public void SimulateDay_OtherSeed_Differs()
    {
        RequestBlock a = new LogSimulator(s_small).SimulateDay(s_small.StartDay).First();
        RequestBlock b = new LogSimulator(s_small with { Seed = 5 }).SimulateDay(s_small.StartDay).First();
        Assert.NotEqual(a.ItemIds, b.ItemIds);
    }

    [Fact]
    public void SimulateDay_RequestsFollowTheLogContract()
    {
        foreach (RequestBlock block in new LogSimulator(s_small).SimulateDay(s_small.StartDay))
        {
            Assert.Equal(s_small.CandidatesPerRequest, block.Count);
            Assert.Equal(block.Count, block.ItemIds.Distinct().Count());
            int[] listed = block.Positions.Where(p => p != LogContract.PositionCut).Order().ToArray();
            Assert.Equal(Enumerable.Range(1, s_small.ListLength), listed);
            Assert.Equal(Enumerable.Range(1, s_small.ListLength), block.RerankPositions!.Where(p => p != 0).Order());
            for (int i = 0; i < block.Count; i++)
            {
                bool cut = block.Positions[i] == LogContract.PositionCut;
                Assert.Equal(cut, float.IsNaN(block.Labels["click"][i]));
                Assert.True(float.IsFinite(block.TeacherLogits["click"][i]));
            }
            Assert.Equal(block.Count, block.Features.RowCount);
            Assert.Equal(block.UserId, ((CategoricalColumn)block.Features["user_id"]).Values[0]);
        }
    }

    [Fact]
    public void Teacher_PredictsClicksBetterThanChance_AndFinalListIsFusedOrder()
    {
        var fusion = new Dictionary<string, double> { ["click"] = 1.0, ["finish"] = 0.5 };
        var scores = new List<float>();
        var labels = new List<float>();
        foreach (RequestBlock block in new LogSimulator(s_small).SimulateDay(s_small.StartDay))
        {
            float[] fused = TeacherFusion.Fuse(block, fusion);
            for (int i = 1; i < s_small.ListLength; i++)
            {
                Assert.True(fused[i - 1] >= fused[i]);
            }
            for (int i = 0; i < block.Count; i++)
            {
                if (!float.IsNaN(block.Labels["click"][i]))
                {
                    scores.Add(fused[i]);
                    labels.Add(block.Labels["click"][i]);
                }
            }
        }
        double auc = RankingMetrics.Auc(scores.ToArray(), labels.ToArray());
        Assert.InRange(auc, 0.55, 0.99);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new LogSimulator(s_small with { Days = 0, ListLength = 100 }));
        Assert.Contains("days", error.Message, StringComparison.Ordinal);
        Assert.Contains("list-length", error.Message, StringComparison.Ordinal);
    }
}
