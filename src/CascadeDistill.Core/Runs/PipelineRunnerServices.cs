using CascadeDistill.Datasets;
using CascadeDistill.Export;
using CascadeDistill.Logs;
using CascadeDistill.Registry;
using CascadeDistill.Training;

namespace CascadeDistill.Runs;

/// <summary>The adapters a pipeline run composes; the executable builds one per work directory.</summary>
/// <param name="Checkpoints">Stage checkpoints a resumed run reuses; null: a resumed run redoes every stage.</param>
/// <param name="Progress">Where live progress is stored for the dashboard (throttled); null: not stored.</param>
public sealed record PipelineRunnerServices(
    WorkLayout Layout,
    ArtifactLayout Artifacts,
    ILogStore Logs,
    ICatalogueStore Catalogue,
    IDatasetStore Datasets,
    IStudentTrainer Trainer,
    IOnnxExporter Exporter,
    IOnnxVerifier Verifier,
    IEmbeddingExporter Embeddings,
    IRunStore Runs,
    IModelRegistry Registry,
    TimeProvider Time,
    IRunCheckpointStore? Checkpoints = null,
    IRunProgressStore? Progress = null);
