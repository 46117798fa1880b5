using CascadeDistill.Arrow.Datasets;
using CascadeDistill.Arrow.Embeddings;
using CascadeDistill.Arrow.Logs;
using CascadeDistill.Onnx.Export;
using CascadeDistill.Onnx.Runtime;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Storage.Sqlite;
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

    public static CliServices Open(string workDirectory)
    {
        var layout = new WorkLayout(workDirectory);
        Directory.CreateDirectory(layout.Root);
        Directory.CreateDirectory(layout.Logs);
        TimeProvider time = TimeProvider.System;
        SqliteRegistryDatabase database = SqliteRegistryDatabase.OpenAsync(layout.Database, CancellationToken.None).GetAwaiter().GetResult();
        var artifacts = new ArtifactLayout(layout.Root);
        var runs = new SqliteRunStore(database, time);
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
            new SqliteModelRegistry(database, artifacts, time),
            time,
            Checkpoints: runs,
            Progress: runs);
        return new CliServices(layout, services);
    }
}
