using CascadeDistill.Pipelines;

namespace CascadeDistill.Benchmarks;

/// <summary>
/// Derives, from a stage's shipped pipeline, the student of the same size trained on logged ground
/// truth alone: the same logs, features, student (so the same parameter count), training schedule
/// (epochs, batch size, learning rate, weight decay, seed), evaluation and catalogue negatives (for a
/// pointwise source); the dataset becomes <c>recipe: pointwise, labels: ground_truth, label: click</c>
/// with constant weights, no soft label and no other recipe's settings.
/// </summary>
public static class GroundTruthStudent
{
    /// <summary>Suffix of a derived pipeline's name: <c>recall-pointwise</c> → <c>recall-pointwise-ground-truth</c>.</summary>
    public const string NameSuffix = "-ground-truth";

    /// <summary>
    /// The pipeline a stage's ground-truth-only student is derived from: the first (by name) pointwise
    /// single-head pipeline of the stage learning from the teacher, else the first pipeline of the stage; null when
    /// the stage has none.
    /// </summary>
    public static PipelineDefinition? SourceFor(StudentStage stage, IEnumerable<PipelineDefinition> pipelines)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        PipelineDefinition[] ofStage = pipelines.Where(p => p.Stage == stage).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        return ofStage.FirstOrDefault(p => p.Dataset.Recipe == PipelineDefaults.Recipe && p.Dataset.Labels == PipelineDefaults.Labels
                                           && p.Student.Heads == StudentHeads.Single)
            ?? ofStage.FirstOrDefault();
    }

    /// <summary>The ground-truth-only twin of <paramref name="source"/>, learning the logged label <paramref name="label"/>.</summary>
    public static PipelineDefinition Derive(PipelineDefinition source, string label)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(label);
        string name = source.Name + NameSuffix;
        DatasetDefinition from = source.Dataset;
        var dataset = new DatasetDefinition(
            PipelineDefaults.Recipe,
            from.TopK,
            PipelineDefaults.PositionWeight,
            from.Fusion,
            SoftLabel: null,
            CatalogueNegatives: from.Recipe == PipelineDefaults.Recipe ? from.CatalogueNegatives : 0,
            Listwise: null,
            Labels: PipelineDefinitionValidator.GroundTruthLabels,
            Label: label);
        TrainingDefinition t = source.Training;
        var training = new TrainingDefinition(t.Epochs, t.BatchSize, t.LearningRate, t.WeightDecay, SoftLabelWeight: 0, t.Seed, t.Threads, t.Device);
        return source with
        {
            Name = name,
            Description = $"Ground-truth-only twin of {source.Name}: the same student trained with pointwise BCE on logged label.{label} alone.",
            Dataset = dataset,
            Training = training,
            // One score: a ground-truth label has no per-objective teacher logits to give heads.
            Student = source.Student with { Heads = StudentHeads.Single },
            Publish = source.Publish with { ModelName = name },
        };
    }
}
