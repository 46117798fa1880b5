namespace CascadeDistill.Registry;

/// <summary>
/// What a finished stage left for a resumed run of the same run id to reuse instead of redoing it.
/// </summary>
/// <param name="Attempt">The run attempt that wrote the checkpoint.</param>
/// <param name="Files">The files the stage wrote, relative to the work directory ('/'-separated), with size and SHA-256; all are verified before reuse.</param>
/// <param name="PayloadJson">What else the later stages need from this one (JSON text).</param>
public sealed record RunCheckpoint(
    RunStage Stage,
    int Attempt,
    IReadOnlyList<ModelFile> Files,
    string PayloadJson,
    DateTimeOffset CreatedAt);
