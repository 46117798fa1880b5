namespace CascadeDistill.Imports;

/// <summary>Rows of one source file: <c>read = accepted + Σ quarantined</c>.</summary>
public sealed class ImportFileAccounting
{
    private readonly SortedDictionary<string, long> _quarantined = new(StringComparer.Ordinal);

    public long RowsRead { get; private set; }

    public long RowsAccepted { get; private set; }

    public IReadOnlyDictionary<string, long> RowsQuarantined => _quarantined;

    public bool IsBalanced => RowsRead == RowsAccepted + _quarantined.Values.Sum();

    public void Read() => RowsRead++;

    public void Accepted() => RowsAccepted++;

    public void Quarantined(string reason) => _quarantined[reason] = _quarantined.GetValueOrDefault(reason) + 1;

    public void Add(ImportFileAccounting other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RowsRead += other.RowsRead;
        RowsAccepted += other.RowsAccepted;
        foreach ((string reason, long rows) in other._quarantined)
        {
            _quarantined[reason] = _quarantined.GetValueOrDefault(reason) + rows;
        }
    }
}
