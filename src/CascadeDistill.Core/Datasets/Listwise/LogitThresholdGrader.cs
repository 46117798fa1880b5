using System.Globalization;

namespace CascadeDistill.Datasets.Listwise;

/// <summary>
/// Global-threshold grades from teacher logits: with ascending thresholds
/// <c>t_1 &lt; … &lt; t_{G−1}</c>, an item's grade is the number of thresholds <c>≤</c> its logit
/// (0..G−1), the same cut-offs for every request.
/// </summary>
public sealed class LogitThresholdGrader : IRelevanceGrader
{
    private readonly double[] _thresholds;

    /// <exception cref="RecipeDefinitionException">Thresholds missing, not finite or not strictly ascending (all listed).</exception>
    public LogitThresholdGrader(IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        RecipeDefinitionException.ThrowIfAny("grades.logit_thresholds", Validate(thresholds));
        _thresholds = [.. thresholds];
    }

    public IReadOnlyList<double> Thresholds => _thresholds;

    public static IReadOnlyList<string> Validate(IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var errors = new List<string>();
        if (thresholds.Count == 0)
        {
            errors.Add("thresholds: at least one threshold is needed");
        }
        for (int i = 0; i < thresholds.Count; i++)
        {
            if (!double.IsFinite(thresholds[i]))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"thresholds[{i}]: must be finite, got {thresholds[i]}"));
            }
            else if (i > 0 && double.IsFinite(thresholds[i - 1]) && thresholds[i] <= thresholds[i - 1])
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"thresholds[{i}]: must be greater than thresholds[{i - 1}] ({thresholds[i - 1]}), got {thresholds[i]}"));
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
            int grade = 0;
            while (grade < _thresholds.Length && _thresholds[grade] <= teacherLogits[i])
            {
                grade++;
            }
            grades[i] = grade;
        }
    }
}
