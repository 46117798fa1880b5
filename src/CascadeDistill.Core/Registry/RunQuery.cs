namespace CascadeDistill.Registry;

/// <summary>Filters for <see cref="IRunStore.ListRunsAsync"/>; newest first.</summary>
public sealed record RunQuery(string? Pipeline = null, RunStatus? Status = null, int Limit = 100);
