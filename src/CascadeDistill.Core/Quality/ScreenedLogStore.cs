using CascadeDistill.Logs;

namespace CascadeDistill.Quality;

/// <summary>A log store that no longer lists the files a screening set aside; everything else is the inner store's.</summary>
public sealed class ScreenedLogStore(ILogStore inner, LogScreening screening) : ILogStore
{
    private readonly HashSet<string> _excluded = screening.Quarantined.Select(f => f.File.Path).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<DateOnly> ListDays() => inner.ListDays();

    public IReadOnlyList<LogFileInfo> ListFiles(DateOnly day) => [.. inner.ListFiles(day).Where(f => !_excluded.Contains(f.Path))];

    public IEnumerable<RequestBlock> ReadRequests(LogFileInfo file, LogReadRequest request, CancellationToken cancellationToken) =>
        _excluded.Contains(file.Path)
            ? throw new InvalidOperationException($"{file.Path} was quarantined by the run's log screening and must not be read.")
            : inner.ReadRequests(file, request, cancellationToken);

    public ILogWriter CreateWriter(DateOnly day, string fileName, LogWriteSchema schema) => inner.CreateWriter(day, fileName, schema);

    public LogFileCheck Check(LogFileInfo file, CancellationToken cancellationToken) => inner.Check(file, cancellationToken);

    public LogWriteSchema? Describe(LogFileInfo file) => inner.Describe(file);
}
