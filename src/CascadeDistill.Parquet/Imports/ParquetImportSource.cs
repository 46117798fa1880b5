using CascadeDistill.Imports;

namespace CascadeDistill.Parquet.Imports;

/// <summary>Parquet files for <c>cascade-distill import --format parquet</c> (<see cref="ParquetSourceReader"/>).</summary>
/// <param name="chunkRows">Values read per column at a time (the reader's memory bound per mapped column).</param>
public sealed class ParquetImportSource(int chunkRows = ParquetSourceReader.DefaultChunkRows) : IImportSource
{
    public ImportFormat Format => ImportFormat.Parquet;

    public bool HasListValues => true;

    public ImportInputIdentity Identify(string input) => ImportInputIdentity.OfFile(input);

    public IEnumerable<SourceRow> Read(string input, IReadOnlyList<string> columns, CancellationToken cancellationToken) =>
        ParquetSourceReader.Read(input, columns, chunkRows, cancellationToken);
}
