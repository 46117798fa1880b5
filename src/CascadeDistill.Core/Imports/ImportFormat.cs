namespace CascadeDistill.Imports;

/// <summary>The source file formats <c>cascade-distill import</c> reads.</summary>
public enum ImportFormat
{
    /// <summary>Comma-separated values with a header line (RFC 4180 quoting, UTF-8).</summary>
    Csv,

    /// <summary>JSON Lines: one JSON object per line (UTF-8).</summary>
    Jsonl,

    /// <summary>Apache Parquet files, streamed row group by row group (CascadeDistill.Parquet).</summary>
    Parquet,

    /// <summary>The rows of a SQL query, streamed through a DbDataReader (CascadeDistill.Sql).</summary>
    Sql,
}
