namespace CascadeDistill.Logs;

/// <summary>Writes requests into one log file of the contract; the file appears only when <see cref="Complete"/> succeeds.</summary>
public interface ILogWriter : IDisposable
{
    void Write(RequestBlock block);

    /// <summary>Flushes, closes and atomically moves the file into place.</summary>
    LogFileInfo Complete();
}
