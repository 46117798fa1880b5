namespace CascadeDistill.Cli.Serve;

/// <summary>
/// The answer to <c>GET /api/runs/{jobId}</c>: the job's Hangfire state and the run it works on (the newest run of its
/// pipeline, partition and current config hash), with the run's model version once it has one.
/// </summary>
/// <param name="Finished">True when nothing more will happen for this request: the job ended and the run (if any) is not Running.</param>
public sealed record RunJobStatus(
    string JobId,
    string JobState,
    string? JobReason,
    string Pipeline,
    string? Partition,
    string? RunId,
    string? RunStatus,
    int? Attempt,
    string? FailureReason,
    string? Stage,
    string? ModelName,
    int? Version,
    string? VersionStatus,
    bool Finished);
