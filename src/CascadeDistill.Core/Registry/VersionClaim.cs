namespace CascadeDistill.Registry;

/// <summary>
/// The outcome of <see cref="IModelRegistry.CreatePendingVersionAsync"/>: <see cref="Created"/> is false
/// when the run already had a live (Pending or Ready) version of the model, which is returned instead of
/// allocating a second number — a retried publish yields one version.
/// </summary>
public sealed record VersionClaim(ModelVersion Version, bool Created);
