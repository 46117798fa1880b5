using CascadeDistill.Logs;

namespace CascadeDistill.Imports;

/// <summary>
/// Stable reason codes for rows and files set aside by the import (docs/import.md). Codes shared with
/// the log contract keep the contract's spelling and meaning.
/// </summary>
public static class ImportReasonCodes
{
    /// <summary>A CSV record with another number of fields than the header, a bad quote, or a JSON line that is not an object.</summary>
    public const string MalformedRow = "malformed_row";

    /// <summary>The request, user or item id is missing or empty.</summary>
    public const string MissingId = "missing_id";

    /// <summary>A required value (event time, position, logit, feature) is missing.</summary>
    public const string MissingValue = "missing_value";

    /// <summary>A value that does not parse as its declared type (invariant culture).</summary>
    public const string UnparsableValue = "unparsable_value";

    /// <summary>A teacher logit that is NaN or infinite.</summary>
    public const string NonFiniteLogit = LogReasonCodes.NonFiniteLogit;

    /// <summary>The same item twice in one request.</summary>
    public const string DuplicateItem = LogReasonCodes.DuplicateItem;

    /// <summary>The non-cut positions (or re-rank positions) of a request are not exactly 1..n.</summary>
    public const string BadPositions = LogReasonCodes.BadPositions;

    /// <summary>The re-rank position is empty on some but not all rows of a request.</summary>
    public const string NullValue = LogReasonCodes.NullValue;

    /// <summary>File level: a mapped source column is absent from the CSV header.</summary>
    public const string MissingColumn = LogReasonCodes.MissingColumn;

    /// <summary>File level: a mapped source column appears more than once in the CSV header.</summary>
    public const string DuplicateColumn = LogReasonCodes.DuplicateColumn;

    /// <summary>File level: the input cannot be read as its format (a truncated or corrupt Parquet file, a failing query).</summary>
    public const string CorruptFile = "corrupt_file";

    /// <summary>File level: a mapped column has a type the import cannot read (e.g. a Parquet map or struct column).</summary>
    public const string WrongType = LogReasonCodes.WrongType;

    /// <summary>A request with fewer candidates than the mapping's <c>min_candidates</c> (the same code recipes skip short lists with).</summary>
    public const string ListTooShort = Datasets.SkipReasons.ListTooShort;

    /// <summary>Input level (SQL): the connection or the query failed.</summary>
    public const string QueryFailed = "query_failed";
}
