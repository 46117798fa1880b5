using CascadeDistill.Pipelines;

namespace CascadeDistill.Imports;

/// <summary>A mapping file with one or more errors, every one listed with its path.</summary>
public sealed class ImportMappingException : Exception
{
    public ImportMappingException(string source, IReadOnlyList<PipelineDefinitionError> errors)
        : base($"{source}: {errors.Count} error(s) in the import mapping:" + Environment.NewLine +
               string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
    {
        Errors = errors;
    }

    public IReadOnlyList<PipelineDefinitionError> Errors { get; }
}
