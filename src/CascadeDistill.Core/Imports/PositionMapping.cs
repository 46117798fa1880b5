namespace CascadeDistill.Imports;

/// <summary>The source column of a position and the text that means "scored but cut" (compared after trimming).</summary>
public sealed record PositionMapping(string Column, string Cut);
