namespace CascadeDistill.Registry;

/// <summary>
/// The outcome of <see cref="IRunStore.StartRunAsync"/>: <see cref="Created"/> is false when a run
/// of the same (pipeline, partition, config hash) already existed; <see cref="Run"/> is then that run,
/// whatever its status, and the caller decides (Succeeded: nothing to do; Running: another worker or a
/// crashed one; Failed: resume with <see cref="IRunStore.ResumeRunAsync"/>).
/// </summary>
public sealed record RunClaim(RunRecord Run, bool Created);
