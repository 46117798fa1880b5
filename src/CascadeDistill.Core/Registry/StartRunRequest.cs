namespace CascadeDistill.Registry;

/// <summary>Claims the run of <paramref name="Pipeline"/> for <paramref name="Partition"/> under <paramref name="ConfigHash"/>.</summary>
/// <param name="Partition">The run's day.</param>
/// <param name="WindowFirst">First log day read (inclusive).</param>
/// <param name="WindowLast">Last log day read (inclusive).</param>
/// <param name="ConfigHash">Lowercase hex SHA-256 of the pipeline definition.</param>
/// <param name="RunId">Identifier to use; one is generated (time-ordered GUID, "N" format) when null.</param>
public sealed record StartRunRequest(
    string Pipeline,
    DateOnly Partition,
    DateOnly WindowFirst,
    DateOnly WindowLast,
    string ConfigHash,
    string? RunId = null);
