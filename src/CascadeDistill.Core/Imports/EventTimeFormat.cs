namespace CascadeDistill.Imports;

/// <summary>How the event-time column is written in the source.</summary>
public enum EventTimeFormat
{
    /// <summary>ISO-8601 text; a value without offset is read as UTC.</summary>
    Iso8601,

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z as an integer.</summary>
    EpochMilliseconds,
}
