using System.Globalization;
using System.Text;

namespace CascadeDistill.Imports;

/// <summary>Streams a CSV file with a header line as <see cref="SourceRow"/>s, one record at a time.</summary>
public static class CsvSourceReader
{
    /// <exception cref="ImportFileException">The header lacks a mapped column or repeats one.</exception>
    public static IEnumerable<SourceRow> Read(string path, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var reader = new CsvRecordReader(text);
        var fields = new List<string>();
        if (!reader.TryRead(fields, out _, out _))
        {
            yield break;
        }
        int[] indexes = HeaderIndexes(path, fields, columns);
        int width = fields.Count;
        while (reader.TryRead(fields, out long line, out string? problem))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (problem is null && fields.Count != width)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"{fields.Count} field(s), the header has {width}");
            }
            var cells = new string?[columns.Count];
            if (problem is null)
            {
                for (int i = 0; i < indexes.Length; i++)
                {
                    cells[i] = fields[indexes[i]];
                }
            }
            yield return new SourceRow(line, cells, new string[]?[columns.Count], problem);
        }
    }

    private static int[] HeaderIndexes(string path, List<string> header, IReadOnlyList<string> columns)
    {
        var indexes = new int[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            int first = header.IndexOf(columns[i]);
            if (first < 0)
            {
                throw new ImportFileException(path, ImportReasonCodes.MissingColumn, $"The header has no column '{columns[i]}' (mapped in the mapping file).");
            }
            if (header.LastIndexOf(columns[i]) != first)
            {
                throw new ImportFileException(path, ImportReasonCodes.DuplicateColumn, $"The header names column '{columns[i]}' more than once.");
            }
            indexes[i] = first;
        }
        return indexes;
    }
}
