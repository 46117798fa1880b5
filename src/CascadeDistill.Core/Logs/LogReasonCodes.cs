namespace CascadeDistill.Logs;

/// <summary>
/// The stable reason codes of <see cref="LogContractException"/>: the log contract's vocabulary for
/// what is wrong with a file or a request (docs/log-format.md, "Reason codes"). Readers of every
/// format (the Arrow stores, the importers) use these spellings.
/// </summary>
public static class LogReasonCodes
{
    /// <summary>The schema metadata has no log format version, or one this reader does not support.</summary>
    public const string UnsupportedVersion = "unsupported_version";

    /// <summary>A column the reader needs is absent.</summary>
    public const string MissingColumn = "missing_column";

    /// <summary>A column the reader needs has another Arrow type.</summary>
    public const string WrongType = "wrong_type";

    /// <summary>Two columns share one name.</summary>
    public const string DuplicateColumn = "duplicate_column";

    /// <summary>A null in a column that may not hold nulls.</summary>
    public const string NullValue = "null_value";

    /// <summary>A teacher logit that is NaN or infinite.</summary>
    public const string NonFiniteLogit = "non_finite_logit";

    /// <summary>A request id seen again after rows of another request.</summary>
    public const string NonContiguousRequest = "non_contiguous_request";

    /// <summary>The same item twice in one request (or, in the catalogue, twice in the file).</summary>
    public const string DuplicateItem = "duplicate_item";

    /// <summary>The non-cut positions of a request are not exactly 1..n, or a position is negative.</summary>
    public const string BadPositions = "bad_positions";

    /// <summary>The file is not a complete Arrow IPC file (truncated, still being written, or corrupt).</summary>
    public const string TruncatedFile = "truncated_file";

    /// <summary>The file is still being written (incomplete and modified recently, or changed while it was checked): not read until complete.</summary>
    public const string FileInProgress = "file_in_progress";
}
