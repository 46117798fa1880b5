using CascadeDistill.Features;

namespace CascadeDistill.Datasets;

/// <summary>Dataset files (Arrow IPC) with a fixed schema: see <see cref="DatasetChunk"/>.</summary>
public interface IDatasetStore
{
    /// <param name="objectives">When given, one more column per objective holds <see cref="DatasetChunk.ObjectiveLogits"/>.</param>
    IDatasetWriter CreateWriter(string path, IReadOnlyList<FeatureDefinition> features, IReadOnlyList<string>? objectives = null);

    /// <summary>Streams a dataset file in chunks of at most <paramref name="chunkRows"/> rows.</summary>
    /// <param name="objectives">When given, these objectives' logit columns are read into <see cref="DatasetChunk.ObjectiveLogits"/>.</param>
    IEnumerable<DatasetChunk> Read(string path, IReadOnlyList<FeatureDefinition> features, int chunkRows, CancellationToken cancellationToken, IReadOnlyList<string>? objectives = null);
}
