namespace CascadeDistill.Datasets;

/// <summary>
/// A recipe building block (pair sampling, a grade function) declared with one or more errors,
/// every one listed.
/// </summary>
public sealed class RecipeDefinitionException : Exception
{
    public RecipeDefinitionException(string subject, IReadOnlyList<string> errors)
        : base(Format(subject, errors))
    {
        Subject = subject;
        Errors = errors;
    }

    /// <summary>What was declared (e.g. <c>pair_sampling</c>, <c>grades.rank_buckets</c>).</summary>
    public string Subject { get; }

    public IReadOnlyList<string> Errors { get; }

    /// <summary>Throws when <paramref name="errors"/> is not empty.</summary>
    public static void ThrowIfAny(string subject, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new RecipeDefinitionException(subject, errors);
        }
    }

    private static string Format(string subject, IReadOnlyList<string> errors) =>
        $"{subject}: {errors.Count} error(s):" + Environment.NewLine +
        string.Join(Environment.NewLine, errors.Select(e => "  - " + e));
}
