using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace CascadeDistill.Arrow.IO;

/// <summary>
/// Streams the record batches of one Arrow IPC file, one at a time (memory does not grow with the file).
/// Failures of the IPC layer (a truncated or corrupt file) surface as <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class ArrowBatchSource : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly FileStream _stream;
    private readonly ArrowFileReader _reader;

    private ArrowBatchSource(string path, FileStream stream, ArrowFileReader reader, Schema schema)
    {
        Path = path;
        _stream = stream;
        _reader = reader;
        Schema = schema;
    }

    public string Path { get; }

    public Schema Schema { get; }

    /// <exception cref="InvalidDataException">The file is not a complete Arrow IPC file.</exception>
    public static ArrowBatchSource Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.RandomAccess);
        ArrowFileReader? reader = null;
        try
        {
            reader = new ArrowFileReader(stream, leaveOpen: true);
            Schema schema = Guard(path, () => reader.Schema);
            return new ArrowBatchSource(path, stream, reader, schema);
        }
        catch
        {
            reader?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The next record batch (the caller disposes it), or null at the end; its arrays are checked for consistency.</summary>
    /// <exception cref="InvalidDataException">The file is truncated or corrupt.</exception>
    public RecordBatch? ReadNext()
    {
        RecordBatch? batch = Guard(Path, _reader.ReadNextRecordBatch);
        if (batch is null)
        {
            return null;
        }
        try
        {
            if (batch.ColumnCount != Schema.FieldsList.Count || batch.Length < 0)
            {
                throw new InvalidDataException($"a record batch has {batch.ColumnCount} columns and {batch.Length} rows for {Schema.FieldsList.Count} fields");
            }
            for (int i = 0; i < batch.ColumnCount; i++)
            {
                IArrowArray column = batch.Column(i);
                if (column.Length != batch.Length)
                {
                    throw new InvalidDataException($"column '{Schema.FieldsList[i].Name}' has {column.Length} rows in a batch of {batch.Length}");
                }
                ArrayIntegrity.Check(column, Schema.FieldsList[i].Name);
            }
            return batch;
        }
        catch (InvalidDataException exception)
        {
            batch.Dispose();
            throw new InvalidDataException($"'{Path}' is not a well-formed Arrow IPC file: {exception.Message}", exception);
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }

    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (IsCorruptFile(exception))
        {
            throw new InvalidDataException($"'{path}' is not a complete Arrow IPC file: {exception.Message}", exception);
        }
    }

    // The IPC reader trusts the lengths and offsets it reads from the file: on truncated or garbled input it
    // throws InvalidDataException, EndOfStreamException, argument, overflow or index errors, or a bare Exception.
    // Real I/O failures (disk, permissions, missing file) and cancellation are not the file's fault and propagate.
    private static bool IsCorruptFile(Exception exception) =>
        exception is EndOfStreamException
        || exception is not (IOException or UnauthorizedAccessException or OperationCanceledException or OutOfMemoryException);
}
