using CascadeDistill.Pipelines;

namespace CascadeDistill.Training;

/// <summary>
/// How a per-objective-heads student is trained (<c>student.heads: per_objective</c>).
/// </summary>
/// <param name="Heads">Objective → fusion weight, one head each, in head order.</param>
/// <param name="SoftLabelTemperature">T of each head's target <c>sigmoid(teacher.OBJECTIVE / T)</c> (<c>dataset.soft_label.temperature</c>).</param>
public sealed record HeadTrainingOptions(IReadOnlyList<KeyValuePair<string, double>> Heads, double SoftLabelTemperature)
{
    /// <summary>The options of a per-objective pipeline, or null for a single-head one.</summary>
    public static HeadTrainingOptions? From(PipelineDefinition pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        IReadOnlyList<KeyValuePair<string, double>> heads = StudentHeads.Of(pipeline);
        return heads.Count == 0 ? null : new HeadTrainingOptions(heads, pipeline.Dataset.SoftLabel?.Temperature ?? 1.0);
    }

    public IReadOnlyList<string> Objectives => [.. Heads.Select(h => h.Key)];
}
