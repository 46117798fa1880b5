using CascadeDistill.SqlServer.Migrations;

namespace CascadeDistill.SqlServer.Tests.Migrations;

public sealed class SqlBatchSplitterTests
{
    [Fact]
    public void Split_GoLines_SeparateBatchesInOrder()
    {
        var batches = SqlBatchSplitter.Split("SELECT 1;\nGO\nSELECT 2;\r\n  go  \r\nSELECT 3;\nGo -- done\n");

        Assert.Equal(["SELECT 1;", "SELECT 2;", "SELECT 3;"], batches);
    }

    [Fact]
    public void Split_GoInsideWordsOrStatements_DoesNotSplit()
    {
        const string Script = "SELECT 1 AS GOOD;\nGOTO done;\nSELECT 'GO' AS x; GO\ndone:\nSELECT 2;";

        Assert.Equal([Script], SqlBatchSplitter.Split(Script));
    }

    [Fact]
    public void Split_BatchesOfOnlyCommentsAndBlankLines_AreDropped()
    {
        var batches = SqlBatchSplitter.Split("-- header\n\nGO\nSELECT 1;\nGO\n   \n-- trailing note\nGO\n");

        Assert.Equal(["SELECT 1;"], batches);
    }

    [Fact]
    public void Split_GoWithRepeatCount_IsRefusedWithItsLine()
    {
        var error = Assert.Throws<FormatException>(() => SqlBatchSplitter.Split("SELECT 1;\nGO\nINSERT INTO t VALUES (1);\nGO 5\n"));

        Assert.Contains("Line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ScriptWithoutStatements_IsRefused()
    {
        var error = Assert.Throws<SqlServerMigrationException>(() => SqlServerMigrator.Parse("0001_empty.sql", "-- nothing\nGO\n"));

        Assert.Equal(1, error.Version);
    }

    [Theory]
    [InlineData("1_initial.sql")]
    [InlineData("0001.sql")]
    [InlineData("0001_.sql")]
    [InlineData("0000_zero.sql")]
    [InlineData("0001_initial.txt")]
    public void Parse_BadFileName_IsRefused(string fileName) =>
        Assert.Throws<SqlServerMigrationException>(() => SqlServerMigrator.Parse(fileName, "SELECT 1;"));

    [Fact]
    public void Parse_GoodName_TakesVersionNameAndBatches()
    {
        var script = SqlServerMigrator.Parse("0007_add_things.sql", "SELECT 1;\nGO\nSELECT 2;");

        Assert.Equal((7, "add_things", 2), (script.Version, script.Name, script.Batches.Count));
    }
}
