using Xunit;
using Xunit.Sdk;

namespace CascadeDistill.Testing.Xunit;

/// <summary>
/// A fact of a storage contract: it runs for every adapter whose test class derives from the contract,
/// and is skipped with a visible reason when that class carries a
/// <see cref="RequiresEnvironmentVariableAttribute"/> whose variable is not set.
/// </summary>
[XunitTestCaseDiscoverer("CascadeDistill.Testing.Xunit.StoreFactDiscoverer", "CascadeDistill.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute
{
}
