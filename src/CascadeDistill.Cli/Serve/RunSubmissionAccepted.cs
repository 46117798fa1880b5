namespace CascadeDistill.Cli.Serve;

/// <summary>The answer to <c>POST /api/runs</c> (202): the Hangfire job that runs it; poll <see cref="StatusPath"/>.</summary>
/// <param name="Supersedes">For a forced rerun of a succeeded partition: the run the new run supersedes; otherwise null.</param>
public sealed record RunSubmissionAccepted(string JobId, string Pipeline, string? Partition, string StatusPath, string? Supersedes = null);
