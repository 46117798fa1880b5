namespace CascadeDistill.Datasets;

/// <summary>
/// Counts rows and requests as a stage reads them: every row read is either used or skipped with a
/// reason code, so <c>read = used + Σ skipped</c> always holds (<see cref="IsBalanced"/>).
/// </summary>
public sealed class RowAccounting
{
    private readonly Dictionary<string, long> _skippedRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _skippedRequests = new(StringComparer.Ordinal);

    public long RowsRead { get; private set; }

    public long RowsUsed { get; private set; }

    public long RequestsRead { get; private set; }

    public long RequestsUsed { get; private set; }

    public IReadOnlyDictionary<string, long> SkippedRows => _skippedRows;

    public IReadOnlyDictionary<string, long> SkippedRequests => _skippedRequests;

    public bool IsBalanced =>
        RowsRead == RowsUsed + _skippedRows.Values.Sum() &&
        RequestsRead == RequestsUsed + _skippedRequests.Values.Sum();

    /// <summary>A request of which <paramref name="rowsUsed"/> rows were used; its other rows go through <see cref="RowsSkipped"/>.</summary>
    public void RequestUsed(long rowsUsed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowsUsed);
        RequestsRead++;
        RequestsUsed++;
        RowsRead += rowsUsed;
        RowsUsed += rowsUsed;
    }

    /// <summary>A whole request skipped; all its rows count as skipped for the same reason.</summary>
    public void RequestSkipped(long rows, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        RequestsRead++;
        RowsRead += rows;
        _skippedRequests[reason] = _skippedRequests.GetValueOrDefault(reason) + 1;
        _skippedRows[reason] = _skippedRows.GetValueOrDefault(reason) + rows;
    }

    /// <summary>Rows skipped inside a used request (they are not in <see cref="RequestUsed"/>'s count).</summary>
    public void RowsSkipped(long rows, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        RowsRead += rows;
        _skippedRows[reason] = _skippedRows.GetValueOrDefault(reason) + rows;
    }

    /// <summary>Adds another stage's (or file's) counts to these.</summary>
    public void Add(RowAccountingSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RowsRead += other.RowsRead;
        RowsUsed += other.RowsUsed;
        RequestsRead += other.RequestsRead;
        RequestsUsed += other.RequestsUsed;
        foreach ((string reason, long rows) in other.RowsSkipped)
        {
            _skippedRows[reason] = _skippedRows.GetValueOrDefault(reason) + rows;
        }
        foreach ((string reason, long requests) in other.RequestsSkipped)
        {
            _skippedRequests[reason] = _skippedRequests.GetValueOrDefault(reason) + requests;
        }
    }

    public RowAccountingSnapshot Snapshot() => new(
        RowsRead,
        RowsUsed,
        new SortedDictionary<string, long>(_skippedRows, StringComparer.Ordinal),
        RequestsRead,
        RequestsUsed,
        new SortedDictionary<string, long>(_skippedRequests, StringComparer.Ordinal));
}
