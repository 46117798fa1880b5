using System.Globalization;

namespace CascadeDistill.Imports;

/// <summary>
/// Sorts any number of rows by (request id, arrival) with bounded memory. Each added row is encoded
/// at once into one reusable byte buffer (<see cref="ImportRowCodec"/>), with a small sort key beside
/// it, so the rows waiting for a spill are not thousands of long-lived objects for the garbage collector
/// to promote and keep. Up to <c>maxRowsInMemory</c> rows are buffered, then sorted by key and spilled as
/// a run file; <see cref="ReadSorted"/> merges the runs, at most <see cref="MaxFanIn"/> at a time (with
/// more runs, the smallest are first merged into one, so the open readers do not grow with the input).
/// Run files live in a private temporary folder deleted on <see cref="Dispose"/>.
/// </summary>
internal sealed class ExternalRowSorter : IDisposable
{
    /// <summary>Runs merged at once by default: one buffered reader (<see cref="BufferSize"/>) each.</summary>
    public const int DefaultMaxFanIn = 32;

    private const int BufferSize = 1 << 16;

    /// <summary>The byte buffer is spilled before it passes this size, however few rows it holds.</summary>
    private const int MaxBufferBytes = 1 << 30;

    private readonly string _directory;
    private readonly int _maxRowsInMemory;
    private readonly ImportRowCodec _codec;
    private readonly MemoryStream _bytes = new();
    private readonly BinaryWriter _writer;
    private readonly List<SortKey> _keys = [];
    private readonly HashSet<string> _requestIds = new(StringComparer.Ordinal);
    private readonly List<(string Path, int Rows)> _runs = [];
    private int _runFiles;

    public ExternalRowSorter(string directory, int maxRowsInMemory, ImportRowCodec codec, int maxFanIn = DefaultMaxFanIn)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRowsInMemory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFanIn, 2);
        _directory = directory;
        _maxRowsInMemory = maxRowsInMemory;
        _codec = codec;
        MaxFanIn = maxFanIn;
        _writer = new BinaryWriter(_bytes);
    }

    /// <summary>Sorted runs spilled by <see cref="Add"/> (intermediate merges not counted).</summary>
    public int RunCount { get; private set; }

    /// <summary>Intermediate merges done because there were more runs than <see cref="MaxFanIn"/>.</summary>
    public int IntermediateMerges { get; private set; }

    public int MaxFanIn { get; }

    public void Add(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        // Rows of one request share one id string while buffered; the parsed copy dies young.
        if (!_requestIds.TryGetValue(row.RequestId, out string? id))
        {
            _requestIds.Add(row.RequestId);
            id = row.RequestId;
        }
        long offset = _bytes.Position;
        _codec.Write(_writer, row);
        _keys.Add(new SortKey(id, row.Sequence, (int)offset, (int)(_bytes.Position - offset)));
        if (_keys.Count >= _maxRowsInMemory || _bytes.Position >= MaxBufferBytes)
        {
            Spill();
        }
    }

    /// <summary>Every row added, sorted. Call once, after the last <see cref="Add"/>.</summary>
    public IEnumerable<ImportRow> ReadSorted(CancellationToken cancellationToken)
    {
        if (_runs.Count == 0)
        {
            _keys.Sort(SortKeyComparer.Instance);
            return Buffered(cancellationToken);
        }
        if (_keys.Count > 0)
        {
            Spill();
        }
        while (_runs.Count > MaxFanIn)
        {
            MergeSmallest(cancellationToken);
        }
        return Merge([.. _runs.Select(r => r.Path)], cancellationToken);
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private IEnumerable<ImportRow> Buffered(CancellationToken cancellationToken)
    {
        using var view = new MemoryStream(_bytes.GetBuffer(), 0, (int)_bytes.Length, writable: false);
        using var reader = new BinaryReader(view);
        foreach (SortKey key in _keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            view.Position = key.Offset;
            yield return _codec.Read(reader);
        }
    }

    private void Spill()
    {
        _keys.Sort(SortKeyComparer.Instance);
        ReadOnlySpan<byte> bytes = _bytes.GetBuffer().AsSpan(0, (int)_bytes.Length);
        using (FileStream stream = CreateRun(out string path))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(_keys.Count);
            foreach (SortKey key in _keys)
            {
                writer.Write(bytes.Slice(key.Offset, key.Length));
            }
            _runs.Add((path, _keys.Count));
        }
        RunCount++;
        _keys.Clear();
        _requestIds.Clear();
        // Keeps the buffer's capacity: the next rows reuse it.
        _bytes.SetLength(0);
    }

    /// <summary>Merges the smallest runs into one, just enough of them that at most <see cref="MaxFanIn"/> remain.</summary>
    private void MergeSmallest(CancellationToken cancellationToken)
    {
        int take = Math.Min(MaxFanIn, _runs.Count - MaxFanIn + 1);
        (string Path, int Rows)[] smallest = [.. _runs.OrderBy(r => r.Rows).Take(take)];
        int rows = smallest.Sum(r => r.Rows);
        using (FileStream stream = CreateRun(out string path))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(rows);
            foreach (ImportRow row in Merge([.. smallest.Select(r => r.Path)], cancellationToken))
            {
                _codec.Write(writer, row);
            }
            _runs.Add((path, rows));
        }
        foreach ((string Path, int Rows) run in smallest)
        {
            _runs.Remove(run);
            File.Delete(run.Path);
        }
        IntermediateMerges++;
    }

    private FileStream CreateRun(out string path)
    {
        Directory.CreateDirectory(_directory);
        path = Path.Combine(_directory, "run-" + _runFiles++.ToString("D5", CultureInfo.InvariantCulture) + ".bin");
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
    }

    private IEnumerable<ImportRow> Merge(string[] runs, CancellationToken cancellationToken)
    {
        var readers = new List<(BinaryReader Reader, int Left)>(runs.Length);
        try
        {
            var queue = new PriorityQueue<int, ImportRow>(ImportRowComparer.Instance);
            foreach (string run in runs)
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

    /// <summary>Where a buffered row's bytes are, and what it sorts by.</summary>
    private readonly record struct SortKey(string RequestId, long Sequence, int Offset, int Length);

    /// <summary>The order of <see cref="ImportRowComparer"/>: request id (ordinal), then arrival.</summary>
    private sealed class SortKeyComparer : IComparer<SortKey>
    {
        public static SortKeyComparer Instance { get; } = new();

        public int Compare(SortKey x, SortKey y)
        {
            int byRequest = string.CompareOrdinal(x.RequestId, y.RequestId);
            return byRequest != 0 ? byRequest : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
