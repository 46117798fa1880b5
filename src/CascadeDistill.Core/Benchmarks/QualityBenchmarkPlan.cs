using CascadeDistill.Pipelines;

namespace CascadeDistill.Benchmarks;

/// <summary>
/// What a quality benchmark trains: every given pipeline (the whole pipelines folder: nothing is
/// listed by name), and per stage that has one, its ground-truth-only twin
/// (<see cref="GroundTruthStudent"/>). Ordered by stage (recall, prerank), the twin first, then the
/// distilled pipelines by name — the twin's run also provides the stage's baselines.
/// </summary>
public static class QualityBenchmarkPlan
{
    public static IReadOnlyList<QualityBenchmarkEntry> Create(IReadOnlyList<PipelineDefinition> pipelines, QualityBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(options);
        var entries = new List<QualityBenchmarkEntry>();
        foreach (StudentStage stage in new[] { StudentStage.Recall, StudentStage.Prerank })
        {
            if (GroundTruthStudent.SourceFor(stage, pipelines) is not { } source)
            {
                continue;
            }
            PipelineDefinition twin = GroundTruthStudent.Derive(source, QualityMetrics.GroundTruthLabel);
            entries.Add(new QualityBenchmarkEntry(options.Apply(twin), QualityRowKind.GroundTruthOnly, source.Name));
            foreach (PipelineDefinition pipeline in pipelines.Where(p => p.Stage == stage).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                entries.Add(new QualityBenchmarkEntry(options.Apply(pipeline), QualityRowKind.Distilled));
            }
        }
        foreach (QualityBenchmarkEntry entry in entries)
        {
            PipelineDefinitionValidator.EnsureValid(entry.Pipeline, $"benchmark pipeline {entry.Pipeline.Name}");
        }
        return entries;
    }
}
