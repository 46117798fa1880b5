using CascadeDistill.Testing.Registry.Contract;

namespace CascadeDistill.Storage.Tests.Sqlite;

/// <summary>The storage contract's tests of model versions (<see cref="ModelRegistryContractTests"/>) on the SQLite adapter.</summary>
public sealed class SqliteModelRegistryTests : ModelRegistryContractTests
{
    protected override Task<RegistryStoreContext> CreateContextAsync() => SqliteRegistryTestContext.CreateAsync();
}
