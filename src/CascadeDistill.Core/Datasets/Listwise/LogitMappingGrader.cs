using System.Globalization;

namespace CascadeDistill.Datasets.Listwise;

/// <summary>
/// A declared value → grade mapping: half-open, non-overlapping logit intervals
/// <c>[lower, upper)</c>, each with its grade (need not be monotonic); a logit in no interval gets
/// <see cref="DefaultGrade"/>.
/// </summary>
public sealed class LogitMappingGrader : IRelevanceGrader
{
    private readonly LogitGradeInterval[] _intervals;

    /// <exception cref="RecipeDefinitionException">The mapping has errors (all listed).</exception>
    public LogitMappingGrader(IReadOnlyList<LogitGradeInterval> intervals, int defaultGrade = 0)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        RecipeDefinitionException.ThrowIfAny("grades.logit_mapping", Validate(intervals, defaultGrade));
        _intervals = [.. intervals.OrderBy(i => i.Lower)];
        DefaultGrade = defaultGrade;
    }

    public int DefaultGrade { get; }

    public static IReadOnlyList<string> Validate(IReadOnlyList<LogitGradeInterval> intervals, int defaultGrade)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var errors = new List<string>();
        if (intervals.Count == 0)
        {
            errors.Add("intervals: at least one interval is needed");
        }
        if (defaultGrade < 0)
        {
            errors.Add(Invariant($"default_grade: must not be negative, got {defaultGrade}"));
        }
        for (int i = 0; i < intervals.Count; i++)
        {
            LogitGradeInterval interval = intervals[i];
            if (double.IsNaN(interval.Lower) || double.IsNaN(interval.Upper) || !(interval.Lower < interval.Upper))
            {
                errors.Add(Invariant($"intervals[{i}]: lower ({interval.Lower}) must be below upper ({interval.Upper})"));
            }
            if (interval.Grade < 0)
            {
                errors.Add(Invariant($"intervals[{i}]: grade must not be negative, got {interval.Grade}"));
            }
            for (int j = 0; j < i; j++)
            {
                if (intervals[j].Lower < interval.Upper && interval.Lower < intervals[j].Upper)
                {
                    errors.Add(Invariant($"intervals[{i}]: overlaps intervals[{j}]"));
                }
            }
        }
        return errors;
    }

    public void Grade(ReadOnlySpan<int> positions, ReadOnlySpan<float> teacherLogits, Span<int> grades)
    {
        GradeInputs.CheckLengths(positions, teacherLogits, grades);
        GradeInputs.CheckFinite(teacherLogits);
        for (int i = 0; i < teacherLogits.Length; i++)
        {
            grades[i] = DefaultGrade;
            foreach (LogitGradeInterval interval in _intervals)
            {
                if (interval.Lower <= teacherLogits[i] && teacherLogits[i] < interval.Upper)
                {
                    grades[i] = interval.Grade;
                    break;
                }
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
