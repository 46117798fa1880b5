using CascadeDistill.Imports;
using ParquetSharp;

namespace CascadeDistill.Parquet.Imports;

/// <summary>
/// Streams a Parquet file as <see cref="SourceRow"/>s: one row group at a time, each mapped column read in
/// chunks of <c>chunkRows</c> values, so memory holds one chunk per mapped column whatever the file's size.
/// Top-level columns are matched by name; a list column (e.g. <c>list&lt;int64&gt;</c>) gives
/// <see cref="SourceRow.Lists"/>. A file that cannot be opened (truncated, not Parquet, corrupt footer) or
/// fails while read raises <see cref="ImportFileException"/> (<c>corrupt_file</c>); a mapped column that is
/// absent is <c>missing_column</c>, one that is a struct or map is <c>wrong_type</c>.
/// </summary>
public static class ParquetSourceReader
{
    public const int DefaultChunkRows = 4096;

    public static IEnumerable<SourceRow> Read(string path, IReadOnlyList<string> columns, int chunkRows, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        using ParquetFileReader file = Guard(path, () => new ParquetFileReader(path));
        int[] leaves = Guard(path, () => ParquetColumnMap.Resolve(path, file.FileMetaData.Schema, columns));
        int rowGroups = Guard(path, () => file.FileMetaData.NumRowGroups);
        long rowNumber = 0;
        for (int g = 0; g < rowGroups; g++)
        {
            using RowGroupReader group = Guard(path, () => file.RowGroup(g));
            long remaining = Guard(path, () => group.MetaData.NumRows);
            ParquetColumnCursor[] cursors = Guard(path, () => leaves.Select(leaf => ParquetColumnCursor.Open(group.Column(leaf), chunkRows)).ToArray());
            try
            {
                while (remaining > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int count = (int)Math.Min(chunkRows, remaining);
                    var cells = new string?[count][];
                    var lists = new string[]?[count][];
                    for (int r = 0; r < count; r++)
                    {
                        cells[r] = new string?[columns.Count];
                        lists[r] = new string[]?[columns.Count];
                    }
                    for (int c = 0; c < cursors.Length; c++)
                    {
                        int column = c;
                        int read = Guard(path, () => cursors[column].Read(count, cells, lists, column));
                        if (read != count)
                        {
                            throw new ImportFileException(path, ImportReasonCodes.CorruptFile,
                                $"Row group {g}: column '{columns[c]}' ended after {read} of {count} values.");
                        }
                    }
                    for (int r = 0; r < count; r++)
                    {
                        yield return new SourceRow(++rowNumber, cells[r], lists[r], null);
                    }
                    remaining -= count;
                }
            }
            finally
            {
                foreach (ParquetColumnCursor cursor in cursors)
                {
                    cursor.Dispose();
                }
            }
        }
    }

    /// <summary>Turns the native library's failures into a file-level quarantine reason.</summary>
    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ParquetException e)
        {
            throw new ImportFileException(path, ImportReasonCodes.CorruptFile, "Not a readable Parquet file: " + e.Message);
        }
        catch (IOException e)
        {
            throw new ImportFileException(path, ImportReasonCodes.CorruptFile, "Not a readable Parquet file: " + e.Message);
        }
    }
}
