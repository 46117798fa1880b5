namespace CascadeDistill.Imports;

/// <summary>CSV files with a header line (<see cref="CsvSourceReader"/>).</summary>
public sealed class CsvImportSource : IImportSource
{
    public ImportFormat Format => ImportFormat.Csv;

    public bool HasListValues => false;

    public ImportInputIdentity Identify(string input) => ImportInputIdentity.OfFile(input);

    public IEnumerable<SourceRow> Read(string input, IReadOnlyList<string> columns, CancellationToken cancellationToken) =>
        CsvSourceReader.Read(input, columns, cancellationToken);
}
