using CascadeDistill.Arrow.Datasets;
using CascadeDistill.Arrow.Embeddings;
using CascadeDistill.Arrow.Logs;
using CascadeDistill.Onnx.Export;
using CascadeDistill.Onnx.Runtime;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Torch.Training;

namespace CascadeDistill.Cli.Composition;

/// <summary>
/// The composition root of the embedded default: Arrow files, TorchSharp, the ONNX writer and
/// ONNX Runtime, and the SQLite registry, all under one work directory. The adapters hold no native state between
/// calls: each stage disposes what it opens (Arrow readers and writers, ONNX sessions, Torch modules
/// through <see cref="Training.ITrainedStudent"/>, SQLite connections).
/// </summary>
public sealed class CliServices
{
    private CliServices(WorkLayout layout, PipelineRunnerServices runner)
    {
        Layout = layout;
        Runner = runner;
    }

    public WorkLayout Layout { get; }

    public PipelineRunnerServices Runner { get; }

    /// <summary>The adapters over <paramref name="workDirectory"/> with the storage configured in appsettings.json and the environment (<see cref="StorageConfiguration"/>).</summary>
    public static CliServices Open(string workDirectory) => Open(workDirectory, StorageConfiguration.Load());

    /// <summary>The adapters over <paramref name="workDirectory"/> with runs and models in the configured storage (SQLite in the work directory, or SQL Server).</summary>
    public static CliServices Open(string workDirectory, StorageOptions storage)
    {
        var layout = new WorkLayout(workDirectory);
        Directory.CreateDirectory(layout.Root);
        Directory.CreateDirectory(layout.Logs);
        TimeProvider time = TimeProvider.System;
        var artifacts = new ArtifactLayout(layout.Root);
        (IRunStore runs, IModelRegistry models) = RegistryStoreFactory.Open(layout, artifacts, storage, time);
        var services = new PipelineRunnerServices(
            layout,
            artifacts,
            new ArrowLogStore(layout.Logs),
            new ArrowCatalogueStore(layout.CatalogueRoot),
            new ArrowDatasetStore(),
            new TorchStudentTrainer(time),
            new OnnxExporter(),
            new OnnxRuntimeVerifier(),
            new ArrowEmbeddingExporter(),
            runs,
            models,
            time,
            Checkpoints: runs as IRunCheckpointStore,
            Progress: runs as IRunProgressStore);
        return new CliServices(layout, services);
    }
}
