namespace CascadeDistill.Imports;

/// <summary>The source column of the event time and its declared format.</summary>
public sealed record EventTimeMapping(string Column, EventTimeFormat Format);
