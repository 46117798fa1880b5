namespace CascadeDistill.Registry;

/// <summary>
/// Model versions numbered 1, 2, 3… per model. A version moves Pending → Ready | Failed only; Ready
/// and Failed versions are immutable (<see cref="ModelVersionStateException"/>). A version becomes
/// Ready only after every recorded file has been found under its artifact folder with the recorded
/// size and SHA-256. Consumers see Ready versions unless they ask for the others.
/// </summary>
public interface IModelRegistry
{
    /// <summary>
    /// Allocates the model's next version number (unique per model, also under concurrent callers) as a
    /// Pending version of the run, or returns the run's existing Pending/Ready version of the model.
    /// </summary>
    Task<VersionClaim> CreatePendingVersionAsync(CreateVersionRequest request, CancellationToken cancellationToken);

    /// <summary>Records (replacing any earlier set) the files and parity figures of a Pending version.</summary>
    Task<ModelVersion> RecordArtifactsAsync(string modelName, int version, IReadOnlyList<ModelFile> files, string? parityJson, CancellationToken cancellationToken);

    /// <summary>
    /// Pending → Ready after verifying every recorded file. On any missing or different file throws
    /// <see cref="ArtifactVerificationException"/> and the version stays Pending.
    /// </summary>
    Task<ModelVersion> MarkReadyAsync(string modelName, int version, CancellationToken cancellationToken);

    /// <summary>Pending → Failed with a reason.</summary>
    Task<ModelVersion> MarkFailedAsync(string modelName, int version, string reason, CancellationToken cancellationToken);

    /// <summary>The version with its files, whatever its status, or null.</summary>
    Task<ModelVersion?> GetVersionAsync(string modelName, int version, CancellationToken cancellationToken);

    /// <summary>The highest Ready version of the model, or null.</summary>
    Task<ModelVersion?> GetLatestReadyVersionAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Versions of <paramref name="modelName"/> (all models when null) by model and number; Ready only unless <paramref name="includeNonReady"/>.</summary>
    Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string? modelName, bool includeNonReady, CancellationToken cancellationToken);
}
