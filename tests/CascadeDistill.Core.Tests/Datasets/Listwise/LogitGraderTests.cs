using CascadeDistill.Datasets;
using CascadeDistill.Datasets.Listwise;

namespace CascadeDistill.Core.Tests.Datasets.Listwise;

public sealed class LogitGraderTests
{
    [Theory]
    [InlineData(4, new[] { 0.1f, 0.5f, 0.3f, 0.9f }, new[] { 0, 2, 1, 3 })]
    [InlineData(2, new[] { 0.1f, 0.5f, 0.3f, 0.9f }, new[] { 0, 1, 0, 1 })]
    [InlineData(2, new[] { 1f, 1f, 1f, 2f }, new[] { 0, 0, 0, 1 })] // ties share a grade
    [InlineData(5, new[] { 5f, 3f }, new[] { 2, 0 })]               // fewer items than grades: floor(5·1/2) = 2
    [InlineData(3, new[] { 7f }, new[] { 0 })]
    public void Quantiles_HandComputed(int gradeCount, float[] logits, int[] expected)
    {
        Assert.Equal(expected, Grade(new LogitQuantileGrader(gradeCount), logits));
    }

    [Fact]
    public void Quantiles_FewerThanTwoGrades_IsADefinitionError()
    {
        var error = Assert.Throws<RecipeDefinitionException>(() => new LogitQuantileGrader(1));

        Assert.Single(error.Errors);
    }

    [Fact]
    public void Quantiles_NonFiniteLogit_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => Grade(new LogitQuantileGrader(2), [1f, float.NaN]));
    }

    [Fact]
    public void Thresholds_GradeIsTheCountOfThresholdsAtOrBelowTheLogit()
    {
        var grader = new LogitThresholdGrader([0.0, 1.0, 2.0]);

        Assert.Equal([0, 1, 1, 2, 3, 3], Grade(grader, [-1f, 0f, 0.5f, 1f, 2f, 3f]));
    }

    [Fact]
    public void Thresholds_InvalidDeclaration_ListsEveryError()
    {
        var error = Assert.Throws<RecipeDefinitionException>(() => new LogitThresholdGrader([1.0, double.NaN, 0.5, 0.5]));

        Assert.Equal(["thresholds[1]: must be finite, got NaN", "thresholds[3]: must be greater than thresholds[2] (0.5), got 0.5"], error.Errors);
        Assert.Single(Assert.Throws<RecipeDefinitionException>(() => new LogitThresholdGrader([])).Errors);
    }

    [Fact]
    public void Mapping_DeclaredIntervalsAndDefault()
    {
        var grader = new LogitMappingGrader(
            [new(double.NegativeInfinity, 0, 0), new(0, 2, 3), new(5, double.PositiveInfinity, 1)], defaultGrade: 2);

        Assert.Equal([0, 3, 3, 2, 2, 1], Grade(grader, [-3f, 0f, 1.9f, 2f, 4.9f, 7f]));
    }

    [Fact]
    public void Mapping_InvalidDeclaration_ListsEveryError()
    {
        var error = Assert.Throws<RecipeDefinitionException>(() => new LogitMappingGrader(
            [new(0, 2, 1), new(1, 3, 2), new(4, 4, 0), new(6, 7, -1)], defaultGrade: -1));

        Assert.Equal(4, error.Errors.Count);
        Assert.Contains("default_grade: must not be negative, got -1", error.Errors);
        Assert.Contains("intervals[1]: overlaps intervals[0]", error.Errors);
        Assert.Contains("intervals[2]: lower (4) must be below upper (4)", error.Errors);
        Assert.Contains("intervals[3]: grade must not be negative, got -1", error.Errors);
    }

    [Fact]
    public void Grade_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LogitQuantileGrader(2).Grade([1, 2], [0.5f], new int[2]));
    }

    internal static int[] Grade(IRelevanceGrader grader, float[] logits)
    {
        var grades = new int[logits.Length];
        grader.Grade(new int[logits.Length], logits, grades);
        return grades;
    }
}
