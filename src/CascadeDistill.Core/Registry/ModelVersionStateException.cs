namespace CascadeDistill.Registry;

/// <summary>
/// An attempt to change a version its status does not allow: Ready and Failed versions are immutable,
/// and only Pending → Ready | Failed exists. Deterministic: retrying does not help.
/// </summary>
public sealed class ModelVersionStateException(string modelName, int version, ModelVersionStatus status, string operation)
    : Exception($"Model '{modelName}' version {version} is {status} and immutable; '{operation}' is refused.")
{
    public string ModelName { get; } = modelName;

    public int Version { get; } = version;

    public ModelVersionStatus Status { get; } = status;

    public string Operation { get; } = operation;
}
