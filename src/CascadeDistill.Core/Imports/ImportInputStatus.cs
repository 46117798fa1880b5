namespace CascadeDistill.Imports;

/// <summary>What happened to one input file.</summary>
public static class ImportInputStatus
{
    /// <summary>Read; every row accepted or quarantined.</summary>
    public const string Imported = "imported";

    /// <summary>Same content (SHA-256) as an input already imported, in this import or an earlier one; not read.</summary>
    public const string DuplicateSkipped = "duplicate_skipped";

    /// <summary>Refused whole before any row was read (e.g. a mapped column missing from the header).</summary>
    public const string FileQuarantined = "file_quarantined";
}
