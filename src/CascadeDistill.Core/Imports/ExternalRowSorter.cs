using System.Globalization;

namespace CascadeDistill.Imports;

/// <summary>
/// Sorts any number of rows by (request id, arrival) with bounded memory: rows are buffered up to
/// <c>maxRowsInMemory</c>, then sorted and spilled as a run file; <see cref="ReadSorted"/> merges the
/// runs (k-way, one row per run in memory). Run files live in a private temporary folder deleted on
/// <see cref="Dispose"/>.
/// </summary>
internal sealed class ExternalRowSorter : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly string _directory;
    private readonly int _maxRowsInMemory;
    private readonly ImportRowCodec _codec;
    private readonly List<ImportRow> _buffer = [];
    private readonly List<string> _runs = [];

    public ExternalRowSorter(string directory, int maxRowsInMemory, ImportRowCodec codec)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRowsInMemory);
        _directory = directory;
        _maxRowsInMemory = maxRowsInMemory;
        _codec = codec;
    }

    public int RunCount => _runs.Count;

    public void Add(ImportRow row)
    {
        _buffer.Add(row);
        if (_buffer.Count >= _maxRowsInMemory)
        {
            Spill();
        }
    }

    /// <summary>Every row added, sorted. Call once, after the last <see cref="Add"/>.</summary>
    public IEnumerable<ImportRow> ReadSorted(CancellationToken cancellationToken)
    {
        if (_runs.Count == 0)
        {
            _buffer.Sort(ImportRowComparer.Instance);
            return _buffer;
        }
        if (_buffer.Count > 0)
        {
            Spill();
        }
        return Merge(cancellationToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Spill()
    {
        _buffer.Sort(ImportRowComparer.Instance);
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, "run-" + _runs.Count.ToString("D5", CultureInfo.InvariantCulture) + ".bin");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(_buffer.Count);
            foreach (ImportRow row in _buffer)
            {
                _codec.Write(writer, row);
            }
        }
        _runs.Add(path);
        _buffer.Clear();
    }

    private IEnumerable<ImportRow> Merge(CancellationToken cancellationToken)
    {
        var readers = new List<(BinaryReader Reader, int Left)>(_runs.Count);
        try
        {
            var queue = new PriorityQueue<int, ImportRow>(ImportRowComparer.Instance);
            foreach (string run in _runs)
            {
                var reader = new BinaryReader(new FileStream(run, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan));
                readers.Add((reader, reader.ReadInt32()));
                Advance(readers, readers.Count - 1, queue);
            }
            while (queue.TryDequeue(out int run, out ImportRow? row))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return row;
                Advance(readers, run, queue);
            }
        }
        finally
        {
            foreach ((BinaryReader reader, _) in readers)
            {
                reader.Dispose();
            }
        }
    }

    private void Advance(List<(BinaryReader Reader, int Left)> readers, int run, PriorityQueue<int, ImportRow> queue)
    {
        (BinaryReader reader, int left) = readers[run];
        if (left > 0)
        {
            queue.Enqueue(run, _codec.Read(reader));
            readers[run] = (reader, left - 1);
        }
    }
}
