using CascadeDistill.Logs;

namespace CascadeDistill.Hangfire.Tests.Support;

/// <summary>A log store that only lists days.</summary>
public sealed class DaysOnlyLogStore(params DateOnly[] days) : ILogStore
{
    public IReadOnlyList<DateOnly> ListDays() => days.Order().ToArray();

    public IReadOnlyList<LogFileInfo> ListFiles(DateOnly day) => throw new NotSupportedException();

    public IEnumerable<RequestBlock> ReadRequests(LogFileInfo file, LogReadRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ILogWriter CreateWriter(DateOnly day, string fileName, LogWriteSchema schema) => throw new NotSupportedException();
}
