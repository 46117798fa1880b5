using CascadeDistill.Testing.Registry.Contract;

namespace CascadeDistill.Storage.Tests.Sqlite;

/// <summary>The storage contract's tests of runs, stages, documents and listing (<see cref="RunStoreContractTests"/>) on the SQLite adapter.</summary>
public sealed class SqliteRunStoreTests : RunStoreContractTests
{
    protected override Task<RegistryStoreContext> CreateContextAsync() => SqliteRegistryTestContext.CreateAsync();
}
