namespace CascadeDistill.Features;

/// <summary>One feature's values for a batch of rows, in columnar form.</summary>
public abstract class FeatureColumn
{
    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>A column holding the given rows (in that order) of this one.</summary>
    public abstract FeatureColumn Select(ReadOnlySpan<int> rows);
}
