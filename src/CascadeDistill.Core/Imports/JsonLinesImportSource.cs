namespace CascadeDistill.Imports;

/// <summary>JSON Lines files (<see cref="JsonLinesSourceReader"/>).</summary>
public sealed class JsonLinesImportSource : IImportSource
{
    public ImportFormat Format => ImportFormat.Jsonl;

    public bool HasListValues => true;

    public ImportInputIdentity Identify(string input) => ImportInputIdentity.OfFile(input);

    public IEnumerable<SourceRow> Read(string input, IReadOnlyList<string> columns, CancellationToken cancellationToken) =>
        JsonLinesSourceReader.Read(input, columns, cancellationToken);
}
