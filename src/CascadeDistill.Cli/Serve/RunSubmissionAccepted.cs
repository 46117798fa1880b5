namespace CascadeDistill.Cli.Serve;

/// <summary>The answer to <c>POST /api/runs</c> (202): the Hangfire job that runs it; poll <see cref="StatusPath"/>.</summary>
public sealed record RunSubmissionAccepted(string JobId, string Pipeline, string? Partition, string StatusPath);
