namespace CascadeDistill.Cli.Serve;

/// <summary>The body of <c>POST /api/runs</c>: run <paramref name="Pipeline"/> for <paramref name="Partition"/> (yyyy-MM-dd; null: the newest log day).</summary>
public sealed record RunSubmission(string Pipeline, string? Partition);
