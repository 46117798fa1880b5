namespace CascadeDistill.Testing.Xunit;

/// <summary>
/// On a test class: its <see cref="StoreFactAttribute"/> tests are skipped, with a reason naming
/// <see cref="Name"/>, unless that environment variable is set (e.g. a SQL Server connection string).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresEnvironmentVariableAttribute(string name, string purpose) : Attribute
{
    public string Name { get; } = name;

    /// <summary>What the variable holds, shown in the skip reason.</summary>
    public string Purpose { get; } = purpose;

    /// <summary>The skip reason when the variable is unset or blank; null when the tests can run.</summary>
    public string? SkipReason() =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Name))
            ? $"Skipped: environment variable {Name} is not set ({Purpose})."
            : null;
}
