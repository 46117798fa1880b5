using CascadeDistill.Datasets;
using CascadeDistill.Evaluation;
using CascadeDistill.Registry;

namespace CascadeDistill.Runs;

/// <summary>What a finished run produced.</summary>
/// <param name="ParameterCount">The trained student's parameters; null when the run was already done (nothing was trained).</param>
/// <param name="AlreadyDone">True when an identical run (same pipeline, partition and config hash) had already succeeded; nothing was redone.</param>
public sealed record PipelineRunResult(
    string RunId,
    string Pipeline,
    DateOnly Partition,
    ModelVersion Version,
    string VersionDirectory,
    IReadOnlyList<string> OnnxPaths,
    string EmbeddingsPath,
    EvaluationReport? Evaluation,
    IReadOnlyDictionary<string, double> Metrics,
    double ParityMaxAbsDiff,
    RowAccountingSnapshot? Accounting,
    IReadOnlyDictionary<string, double> TimingsSeconds,
    bool AlreadyDone,
    long? ParameterCount = null);
