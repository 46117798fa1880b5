namespace CascadeDistill.Pipelines;

/// <summary>A pipeline definition with one or more errors, every one listed with its path.</summary>
public sealed class PipelineDefinitionException : Exception
{
    public PipelineDefinitionException(string source, IReadOnlyList<PipelineDefinitionError> errors)
        : base(Format(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>The file (or name) the definition came from.</summary>
    public new string Source { get; }

    public IReadOnlyList<PipelineDefinitionError> Errors { get; }

    private static string Format(string source, IReadOnlyList<PipelineDefinitionError> errors) =>
        $"{source}: {errors.Count} error(s) in the pipeline definition:" + Environment.NewLine +
        string.Join(Environment.NewLine, errors.Select(e => "  - " + e));
}
