namespace CascadeDistill.Imports;

/// <summary>
/// One source row as text, its cells in the order of <see cref="ImportMappingDefinition.SourceColumns"/>.
/// A cell is <see langword="null"/> when absent or JSON null; <see cref="Lists"/> holds a JSON array's
/// items as text. <see cref="Malformed"/> is set (and the cells empty) when the row could not be split.
/// </summary>
public sealed class SourceRow(long rowNumber, string?[] cells, string[]?[] lists, string? malformed)
{
    /// <summary>1-based line where the row starts (the CSV header is line 1).</summary>
    public long RowNumber { get; } = rowNumber;

    public string?[] Cells { get; } = cells;

    public string[]?[] Lists { get; } = lists;

    public string? Malformed { get; } = malformed;
}
