using CascadeDistill.Datasets;
using CascadeDistill.Datasets.Listwise;

namespace CascadeDistill.Core.Tests.Datasets.Listwise;

public sealed class RankBucketGraderTests
{
    private static readonly RankBucket[] s_table = [new(1, 5, 5), new(6, 10, 4), new(11, 20, 2)];

    [Fact]
    public void Grade_DeclaredBuckets_ElseOtherGrade_CutGetsCutGrade()
    {
        var grader = new RankBucketGrader(s_table);

        Assert.Equal([5, 5, 4, 4, 2, 2, 0, 0], Grade(grader, [1, 5, 6, 10, 11, 20, 21, 0]));
    }

    [Fact]
    public void Grade_ExplicitOtherAndCutGrades()
    {
        var grader = new RankBucketGrader([new(1, 2, 3)], otherGrade: 1, cutGrade: 0);

        Assert.Equal([3, 3, 1, 0], Grade(grader, [2, 1, 3, 0]));
    }

    [Fact]
    public void Grade_AllCut_AllCutGrade()
    {
        Assert.Equal([0, 0, 0], Grade(new RankBucketGrader(s_table), [0, 0, 0]));
    }

    [Fact]
    public void Grade_NegativePosition_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => Grade(new RankBucketGrader(s_table), [1, -1]));
    }

    [Fact]
    public void Constructor_InvalidTable_ListsEveryError()
    {
        var error = Assert.Throws<RecipeDefinitionException>(() => new RankBucketGrader(
            [new(0, 3, 5), new(5, 4, 4), new(3, 6, 2), new(10, 12, 3)], otherGrade: -1, cutGrade: -2));

        Assert.Equal(
        [
            "other_grade: must not be negative, got -1",
            "cut_grade: must not be negative, got -2",
            "buckets[0]: first rank must be at least 1, got 0",
            "buckets[1]: last rank (4) is below first rank (5)",
            "buckets[2]: ranks 3-6 overlap buckets[0] (0-3)",
            "buckets[2]: ranks 3-6 overlap buckets[1] (5-4)",
            "buckets[3]: grade 3 and buckets[2] grade 2 rise with rank; grades must not increase as rank worsens",
        ], error.Errors);
        Assert.Contains("grades.rank_buckets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EmptyTable_IsAnError()
    {
        Assert.Single(Assert.Throws<RecipeDefinitionException>(() => new RankBucketGrader([])).Errors);
    }

    private static int[] Grade(IRelevanceGrader grader, int[] positions)
    {
        var grades = new int[positions.Length];
        grader.Grade(positions, new float[positions.Length], grades);
        return grades;
    }
}
