namespace CascadeDistill.Datasets.Listwise;

/// <summary>Argument checks shared by the graders.</summary>
internal static class GradeInputs
{
    public static void CheckLengths(ReadOnlySpan<int> positions, ReadOnlySpan<float> teacherLogits, Span<int> grades)
    {
        if (positions.Length != teacherLogits.Length || grades.Length != positions.Length)
        {
            throw new ArgumentException(
                $"positions ({positions.Length}), teacher logits ({teacherLogits.Length}) and grades ({grades.Length}) must have the same length.");
        }
    }

    public static void CheckFinite(ReadOnlySpan<float> teacherLogits)
    {
        foreach (float logit in teacherLogits)
        {
            if (!float.IsFinite(logit))
            {
                throw new InvalidDataException($"Teacher logit {logit} is not finite; it cannot be graded.");
            }
        }
    }
}
