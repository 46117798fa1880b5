namespace CascadeDistill.Runs;

/// <summary>
/// Where the embedded default keeps its state under one work directory: logs, the item
/// catalogue, datasets, models and the SQLite registry.
/// </summary>
public sealed class WorkLayout
{
    public WorkLayout(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string Logs => Path.Combine(Root, "logs");

    public string CatalogueRoot => Root;

    public string Datasets => Path.Combine(Root, "datasets");

    public string Database => Path.Combine(Root, "cascade-distill.db");

    public string DatasetDirectory(string pipeline, string runId) => Path.Combine(Datasets, pipeline, runId);

    /// <summary>Where a run keeps its stage checkpoint files (the trained student's weights).</summary>
    public string CheckpointDirectory(string pipeline, string runId) => Path.Combine(Root, "checkpoints", pipeline, runId);
}
