using CascadeDistill.Datasets;
using CascadeDistill.Evaluation;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Training;

namespace CascadeDistill.Runs;

public sealed partial class PipelineRunner
{
    private sealed record EvaluationOutcome(EvaluationReport Report, IReadOnlyList<RequestBlock> Requests, float[] CatalogueVectors);

    /// <summary>
    /// Samples up to MaxRequests held-out requests (reservoir sampling, seeded), encodes the
    /// catalogue once, and judges the student beside the popularity and random baselines and the teacher.
    /// </summary>
    private EvaluationOutcome Evaluate(PipelineDefinition pipeline, RunWindow window, Catalogue catalogue, BuildDatasetResult dataset, ITrainedStudent student, CancellationToken cancellationToken)
    {
        EvaluationDefinition definition = pipeline.Evaluation;
        List<RequestBlock> sample = SampleHoldout(pipeline, window, cancellationToken);
        observer.StageProgress(RunStage.EvaluateStudent, null, $"encoding {catalogue.Count:N0} catalogue items");
        float[] catalogueVectors = student.EncodeItems(catalogue.Features);
        int dim = student.ExportWeights().EmbeddingDim;
        IRankingScorer[] scorers =
        [
            new StudentScorer("student", student, pipeline.UserFeatures, catalogueVectors, dim),
            new PopularityScorer(dataset.ListedCounts, catalogue),
            new RandomScorer(definition.Seed, catalogue.Count),
            new TeacherScorer(pipeline.Dataset.Fusion),
        ];
        observer.StageProgress(RunStage.EvaluateStudent, null, $"scoring {sample.Count:N0} requests with {scorers.Length} scorers");
        EvaluationReport report = new StudentEvaluator(definition, catalogue).Evaluate(sample, scorers, cancellationToken);
        report = AddHeadMetrics(report, student, sample, definition.TopK, cancellationToken);
        return new EvaluationOutcome(report, sample, catalogueVectors);
    }

    /// <summary>
    /// The EvaluateStudent checkpoint: the report is reused; the held-out sample (needed by the export's parity
    /// check) is drawn again with the same seed, and the catalogue encoded again, without scoring anything.
    /// </summary>
    private EvaluationOutcome RestoreEvaluation(PipelineDefinition pipeline, RunWindow window, Catalogue catalogue, ITrainedStudent student, RunCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        EvaluationReport report = ReadPayload<EvaluationReport>(checkpoint);
        List<RequestBlock> sample = SampleHoldout(pipeline, window, cancellationToken);
        if (sample.Count != report.Requests)
        {
            throw new CheckpointMismatchException($"the held-out sample has {sample.Count} requests, the checkpointed report {report.Requests}.");
        }
        return new EvaluationOutcome(report, sample, student.EncodeItems(catalogue.Features));
    }

    /// <summary>Up to MaxRequests held-out requests by reservoir sampling, seeded.</summary>
    private List<RequestBlock> SampleHoldout(PipelineDefinition pipeline, RunWindow window, CancellationToken cancellationToken)
    {
        EvaluationDefinition definition = pipeline.Evaluation;
        var request = new LogReadRequest(pipeline.Logs.Objectives, pipeline.Features, pipeline.Logs.ReadLabels);
        var random = new Random(definition.Seed);
        var sample = new List<RequestBlock>(definition.MaxRequests);
        long seen = 0;
        foreach (LogFileInfo file in window.HoldoutDays.SelectMany(RunLogs.ListFiles))
        {
            foreach (RequestBlock block in RunLogs.ReadRequests(file, request, cancellationToken))
            {
                seen++;
                if (sample.Count < definition.MaxRequests)
                {
                    sample.Add(block);
                }
                else
                {
                    long slot = random.NextInt64(seen);
                    if (slot < definition.MaxRequests)
                    {
                        sample[(int)slot] = block;
                    }
                }
            }
            observer.StageProgress(RunStage.EvaluateStudent, null, $"read {seen:N0} held-out requests");
        }
        if (sample.Count == 0)
        {
            throw new InvalidDataException($"The holdout days ({string.Join(", ", window.HoldoutDays)}) hold no requests to evaluate on.");
        }
        return sample;
    }
}
