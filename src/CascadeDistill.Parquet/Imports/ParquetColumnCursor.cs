using ParquetSharp;

namespace CascadeDistill.Parquet.Imports;

/// <summary>Reads one column of one row group in chunks and writes its values as text into source rows.</summary>
internal abstract class ParquetColumnCursor : IDisposable
{
    public static ParquetColumnCursor Open(ColumnReader column, int chunkRows)
    {
        LogicalColumnReader reader = column.LogicalReader(bufferLength: chunkRows);
        return reader.Apply(new Factory(column, chunkRows));
    }

    /// <summary>Reads up to <paramref name="count"/> values into <c>cells[row][index]</c> (scalars) or <c>lists[row][index]</c> (lists).</summary>
    public abstract int Read(int count, string?[][] cells, string[]?[][] lists, int index);

    public abstract void Dispose();

    private sealed class Factory(ColumnReader column, int chunkRows) : ILogicalColumnReaderVisitor<ParquetColumnCursor>
    {
        public ParquetColumnCursor OnLogicalColumnReader<TValue>(LogicalColumnReader<TValue> columnReader) =>
            new Cursor<TValue>(column, columnReader, chunkRows);
    }

    private sealed class Cursor<TValue>(ColumnReader column, LogicalColumnReader<TValue> reader, int chunkRows) : ParquetColumnCursor
    {
        private readonly TValue[] _buffer = new TValue[chunkRows];

        public override int Read(int count, string?[][] cells, string[]?[][] lists, int index)
        {
            int total = 0;
            while (total < count && reader.HasNext)
            {
                total += reader.ReadBatch(_buffer.AsSpan(total, count - total));
            }
            for (int r = 0; r < total; r++)
            {
                object? value = _buffer[r];
                if (value is Array array and not byte[])
                {
                    var items = new string[array.Length];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = ParquetText.Of(array.GetValue(i)) ?? "";
                    }
                    lists[r][index] = items;
                }
                else
                {
                    cells[r][index] = ParquetText.Of(value);
                }
            }
            return total;
        }

        public override void Dispose()
        {
            reader.Dispose();
            column.Dispose();
        }
    }
}
