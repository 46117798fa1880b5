namespace CascadeDistill.Logs;

/// <summary>A log file of one day's partition.</summary>
public sealed record LogFileInfo(string Path, DateOnly Day, long Bytes);
