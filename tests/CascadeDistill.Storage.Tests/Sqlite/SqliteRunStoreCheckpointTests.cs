using CascadeDistill.Testing.Registry.Contract;

namespace CascadeDistill.Storage.Tests.Sqlite;

/// <summary>The storage contract's tests of checkpoints and progress (<see cref="RunStoreCheckpointContractTests"/>) on the SQLite adapter.</summary>
public sealed class SqliteRunStoreCheckpointTests : RunStoreCheckpointContractTests
{
    protected override Task<RegistryStoreContext> CreateContextAsync() => SqliteRegistryTestContext.CreateAsync();
}
