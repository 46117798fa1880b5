using CascadeDistill.Logs;

namespace CascadeDistill.Quality;

/// <summary>
/// The run-time check of the log files a run (or <c>validate</c>) is about to read: complete files, files set
/// aside whole with a reason code, and the quarantine rate — the share of the files' bytes set aside.
/// </summary>
public sealed record LogScreening(IReadOnlyList<LogFileCheck> Files)
{
    public IReadOnlyList<LogFileInfo> Accepted => [.. Files.Where(f => f.IsComplete).Select(f => f.File)];

    public IReadOnlyList<LogFileCheck> Quarantined => [.. Files.Where(f => !f.IsComplete)];

    public long BytesRead => Files.Sum(f => f.File.Bytes);

    public long BytesQuarantined => Quarantined.Sum(f => f.File.Bytes);

    /// <summary>Quarantined bytes / all bytes (0 when there are none).</summary>
    public double QuarantineRate => BytesRead == 0 ? 0 : (double)BytesQuarantined / BytesRead;

    /// <summary>Quarantined files by reason code.</summary>
    public IReadOnlyDictionary<string, int> FilesQuarantinedByReason =>
        new SortedDictionary<string, int>(Quarantined.GroupBy(f => f.ReasonCode!).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    /// <summary>Checks every file through <see cref="ILogStore.Check"/>.</summary>
    public static LogScreening Screen(ILogStore logs, IEnumerable<LogFileInfo> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(files);
        return new LogScreening([.. files.Select(f => logs.Check(f, cancellationToken))]);
    }
}
