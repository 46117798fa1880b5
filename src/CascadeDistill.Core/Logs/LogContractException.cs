namespace CascadeDistill.Logs;

/// <summary>A log file or request that violates the log contract. Deterministic: retrying does not help.</summary>
public sealed class LogContractException : Exception
{
    public LogContractException(string file, string reasonCode, string message)
        : base($"{file}: [{reasonCode}] {message}")
    {
        File = file;
        ReasonCode = reasonCode;
    }

    public string File { get; }

    /// <summary>A stable code, e.g. <c>missing_column</c>, <c>wrong_type</c>, <c>non_contiguous_request</c>.</summary>
    public string ReasonCode { get; }
}
