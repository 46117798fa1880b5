using CascadeDistill.Features;

namespace CascadeDistill.Datasets;

/// <summary>Dataset files (Arrow IPC) with a fixed schema: see <see cref="DatasetChunk"/>.</summary>
public interface IDatasetStore
{
    IDatasetWriter CreateWriter(string path, IReadOnlyList<FeatureDefinition> features);

    /// <summary>Streams a dataset file in chunks of at most <paramref name="chunkRows"/> rows.</summary>
    IEnumerable<DatasetChunk> Read(string path, IReadOnlyList<FeatureDefinition> features, int chunkRows, CancellationToken cancellationToken);
}
