namespace CascadeDistill.Imports;

/// <summary>
/// One source format of <c>cascade-distill import</c>: how an input is identified (so that the same
/// content is imported once) and how it is streamed as <see cref="SourceRow"/>s, never buffered whole.
/// CSV and JSON Lines live here; Parquet and SQL are adapters (CascadeDistill.Parquet, CascadeDistill.Sql).
/// </summary>
public interface IImportSource
{
    ImportFormat Format { get; }

    /// <summary>True when the format has list values of its own (JSON arrays, Parquet list columns); otherwise a multi-valued feature needs a delimiter.</summary>
    bool HasListValues { get; }

    /// <summary>The input's name, size and SHA-256 for the manifest and the "imported once" check.</summary>
    ImportInputIdentity Identify(string input);

    /// <summary>
    /// Streams the rows. A problem with the whole input is an <see cref="ImportFileException"/>: raised
    /// before the first row, the input is refused whole; raised later, every request with a row of it is quarantined.
    /// </summary>
    IEnumerable<SourceRow> Read(string input, IReadOnlyList<string> columns, CancellationToken cancellationToken);
}
