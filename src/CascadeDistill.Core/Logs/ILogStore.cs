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

    /// <summary>
    /// Checks that a file is complete and readable before a run uses it (default: every listed file is;
    /// the Arrow store reads every record batch and sets aside truncated files and files still being written).
    /// </summary>
    LogFileCheck Check(LogFileInfo file, CancellationToken cancellationToken) => LogFileCheck.Complete(file, rows: null);

    /// <summary>The columns a file holds (objectives, labels, features), for reading it without a pipeline; null when the store cannot tell.</summary>
    LogWriteSchema? Describe(LogFileInfo file) => null;
}
