namespace CascadeDistill.Registry;

/// <summary>Claims the run of <paramref name="Pipeline"/> for <paramref name="Partition"/> under <paramref name="ConfigHash"/>.</summary>
/// <param name="Partition">The run's day.</param>
/// <param name="WindowFirst">First log day read (inclusive).</param>
/// <param name="WindowLast">Last log day read (inclusive).</param>
/// <param name="ConfigHash">Lowercase hex SHA-256 of the pipeline definition.</param>
/// <param name="RunId">Identifier to use; one is generated (time-ordered GUID, "N" format) when null.</param>
/// <param name="SupersedesRunId">
/// A forced rerun: when the newest generation of the key is this Succeeded run, a claim inserts the next
/// generation (a new run that will publish a new version) instead of answering AlreadySucceeded. When the
/// newest generation is anything else (already superseded by an earlier duplicate of the same request, or
/// Running/Failed) the claim treats that newest run as usual, so duplicate forced triggers give one run.
/// </param>
public sealed record StartRunRequest(
    string Pipeline,
    DateOnly Partition,
    DateOnly WindowFirst,
    DateOnly WindowLast,
    string ConfigHash,
    string? RunId = null,
    string? SupersedesRunId = null);
