namespace CascadeDistill.Export;

/// <summary>The graph outputs of one per-objective head in the exported user and item towers.</summary>
public sealed record HeadOutputNames(string Objective, string UserOutput, string ItemOutput);
