namespace CascadeDistill.Logs;

/// <summary>Day-partitioned logs in the log contract.</summary>
public interface ILogStore
{
    /// <summary>Days that have a complete partition, ascending.</summary>
    IReadOnlyList<DateOnly> ListDays();

    /// <summary>The files of one day's partition, in name order.</summary>
    IReadOnlyList<LogFileInfo> ListFiles(DateOnly day);

    /// <summary>
    /// Streams the requests of one file. Validates the file against the contract first (schema and
    /// version), then every request (contiguity, positions); violations throw <see cref="LogContractException"/>.
    /// </summary>
    IEnumerable<RequestBlock> ReadRequests(LogFileInfo file, LogReadRequest request, CancellationToken cancellationToken);

    /// <summary>A writer for a new file <paramref name="fileName"/> in the day's partition.</summary>
    ILogWriter CreateWriter(DateOnly day, string fileName, LogWriteSchema schema);
}
