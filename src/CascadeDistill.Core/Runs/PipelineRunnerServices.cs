using CascadeDistill.Datasets;
using CascadeDistill.Export;
using CascadeDistill.Logs;
using CascadeDistill.Registry;
using CascadeDistill.Training;

namespace CascadeDistill.Runs;

/// <summary>The adapters a pipeline run composes; the executable builds one per work directory.</summary>
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
    TimeProvider Time);
