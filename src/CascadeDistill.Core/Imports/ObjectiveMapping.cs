namespace CascadeDistill.Imports;

/// <summary>One objective (<c>click</c>) and the source column holding its teacher logit or label.</summary>
public sealed record ObjectiveMapping(string Objective, string Column);
