namespace CascadeDistill.Registry;

/// <summary>The model has no such version.</summary>
public sealed class ModelVersionNotFoundException(string modelName, int version)
    : Exception($"Model '{modelName}' has no version {version}.")
{
    public string ModelName { get; } = modelName;

    public int Version { get; } = version;
}
