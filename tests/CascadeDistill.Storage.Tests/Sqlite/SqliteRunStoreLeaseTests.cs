using CascadeDistill.Testing.Registry.Contract;

namespace CascadeDistill.Storage.Tests.Sqlite;

/// <summary>The storage contract's tests of leases (<see cref="RunStoreLeaseContractTests"/>) on the SQLite adapter.</summary>
public sealed class SqliteRunStoreLeaseTests : RunStoreLeaseContractTests
{
    protected override Task<RegistryStoreContext> CreateContextAsync() => SqliteRegistryTestContext.CreateAsync();
}
