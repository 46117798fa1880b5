using CascadeDistill.Datasets;

namespace CascadeDistill.Core.Tests.Datasets;

public sealed class RowAccountingTests
{
    [Fact]
    public void Add_MergesCountsAndReasons()
    {
        var a = new RowAccounting();
        a.RequestUsed(8);
        a.RowsSkipped(2, "x");
        var b = new RowAccounting();
        b.RequestSkipped(5, "y");
        a.Add(b.Snapshot());

        Assert.Equal(15, a.RowsRead);
        Assert.Equal(8, a.RowsUsed);
        Assert.Equal(2, a.SkippedRows["x"]);
        Assert.Equal(5, a.SkippedRows["y"]);
        Assert.Equal(2, a.RequestsRead);
        Assert.True(a.IsBalanced);
    }

    [Fact]
    public void Snapshot_SortsReasonsAndKeepsTotals()
    {
        var a = new RowAccounting();
        a.RequestSkipped(3, "zeta");
        a.RequestSkipped(4, "alpha");
        RowAccountingSnapshot snapshot = a.Snapshot();

        Assert.Equal(["alpha", "zeta"], snapshot.RowsSkipped.Keys);
        Assert.Equal(7, snapshot.RowsRead);
        Assert.Equal(0, snapshot.RowsUsed);
        Assert.Equal(2, snapshot.RequestsRead);
    }
}
