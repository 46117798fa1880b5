namespace CascadeDistill.Arrow;

/// <summary>Defaults shared by the Arrow stores.</summary>
public static class ArrowDefaults
{
    /// <summary>Rows per record batch written (a batch is the unit a reader holds in memory).</summary>
    public const int RowsPerBatch = 65_536;
}
