namespace CascadeDistill.Imports;

/// <summary>One log file the import wrote.</summary>
public sealed record ImportPartitionRecord(DateOnly Day, string File, long Requests, long Rows);
