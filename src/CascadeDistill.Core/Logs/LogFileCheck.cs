namespace CascadeDistill.Logs;

/// <summary>
/// Whether a log file can be read: complete (with its row count when the store counted them), or set aside
/// whole with a reason code (<see cref="LogReasonCodes.TruncatedFile"/>, <see cref="LogReasonCodes.FileInProgress"/>).
/// </summary>
public sealed record LogFileCheck(LogFileInfo File, string? ReasonCode, string? Detail, long? Rows)
{
    public bool IsComplete => ReasonCode is null;

    public static LogFileCheck Complete(LogFileInfo file, long? rows) => new(file, null, null, rows);

    public static LogFileCheck Quarantined(LogFileInfo file, string reasonCode, string detail) => new(file, reasonCode, detail, null);
}
