namespace CascadeDistill.Pipelines;

/// <summary>One problem in a pipeline definition, e.g. <c>training.epochs: must be at least 1 (got 0)</c>.</summary>
public sealed record PipelineDefinitionError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
