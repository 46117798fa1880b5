namespace CascadeDistill.Cli.Serve;

/// <summary>The body of <c>POST /api/runs</c>: run <paramref name="Pipeline"/> for <paramref name="Partition"/> (yyyy-MM-dd; null: the newest log day).</summary>
/// <param name="Force">
/// A forced rerun: when the partition already succeeded with this configuration, a new run supersedes it and publishes a
/// new version (the older one stays intact). The server resolves the run to supersede when it accepts the request, so
/// duplicate forced requests give one new run.
/// </param>
public sealed record RunSubmission(string Pipeline, string? Partition, bool Force = false);
