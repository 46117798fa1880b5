namespace CascadeDistill.Pipelines;

/// <summary>Values of <c>student.heads</c>: how many scores the student computes.</summary>
public static class StudentHeads
{
    /// <summary>One score per (user, item), trained on the fused teacher target (the default).</summary>
    public const string Single = "single";

    /// <summary>
    /// A shared bottom (embeddings and hidden layers of each tower) and one head per objective of
    /// <c>dataset.fusion</c> (its own output projection on each tower), each distilled from its own
    /// objective's teacher logit; the serving score is the fusion-weighted sum of the heads' scores.
    /// </summary>
    public const string PerObjective = "per_objective";

    public static IReadOnlyList<string> All { get; } = [Single, PerObjective];

    /// <summary>
    /// The heads of a per-objective student in their fixed order (the order of <c>logs.objectives</c>,
    /// keeping those with a fusion weight) with their fusion weights; empty for a single-head student.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Of(PipelineDefinition pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (pipeline.Student.Heads != PerObjective)
        {
            return [];
        }
        return [.. pipeline.Logs.Objectives
            .Where(pipeline.Dataset.Fusion.ContainsKey)
            .Select(o => new KeyValuePair<string, double>(o, pipeline.Dataset.Fusion[o]))];
    }
}
