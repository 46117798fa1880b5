namespace CascadeDistill.Imports;

/// <summary>A whole source file that cannot be imported (e.g. a mapped column missing from its header); the file is quarantined whole.</summary>
public sealed class ImportFileException(string file, string reasonCode, string message)
    : Exception($"{file}: [{reasonCode}] {message}")
{
    public string File { get; } = file;

    public string ReasonCode { get; } = reasonCode;
}
