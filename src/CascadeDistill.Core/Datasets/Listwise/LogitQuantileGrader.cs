using System.Globalization;

namespace CascadeDistill.Datasets.Listwise;

/// <summary>
/// Per-request quantile grades from teacher logits: with <c>n</c> candidates and <c>b</c> of them
/// strictly below an item's logit, its grade is <c>min(G − 1, floor(G · b / n))</c>, in 0..G−1.
/// Ties share a grade; cut candidates are graded by their logit like the rest.
/// </summary>
public sealed class LogitQuantileGrader : IRelevanceGrader
{
    /// <exception cref="RecipeDefinitionException"><paramref name="gradeCount"/> is below 2.</exception>
    public LogitQuantileGrader(int gradeCount)
    {
        RecipeDefinitionException.ThrowIfAny("grades.logit_quantiles", Validate(gradeCount));
        GradeCount = gradeCount;
    }

    /// <summary>G: grades run 0..G−1.</summary>
    public int GradeCount { get; }

    public static IReadOnlyList<string> Validate(int gradeCount) =>
        gradeCount < 2
            ? [string.Create(CultureInfo.InvariantCulture, $"grade_count: must be at least 2, got {gradeCount}")]
            : [];

    public void Grade(ReadOnlySpan<int> positions, ReadOnlySpan<float> teacherLogits, Span<int> grades)
    {
        GradeInputs.CheckLengths(positions, teacherLogits, grades);
        GradeInputs.CheckFinite(teacherLogits);
        float[] sorted = teacherLogits.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        for (int i = 0; i < n; i++)
        {
            int below = LowerBound(sorted, teacherLogits[i]);
            grades[i] = (int)Math.Min(GradeCount - 1, (long)GradeCount * below / n);
        }
    }

    private static int LowerBound(float[] sorted, float value)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
