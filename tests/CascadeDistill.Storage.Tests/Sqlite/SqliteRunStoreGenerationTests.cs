using CascadeDistill.Testing.Registry.Contract;

namespace CascadeDistill.Storage.Tests.Sqlite;

/// <summary>The storage contract's tests of forced reruns (<see cref="RunStoreGenerationContractTests"/>) on the SQLite adapter.</summary>
public sealed class SqliteRunStoreGenerationTests : RunStoreGenerationContractTests
{
    protected override Task<RegistryStoreContext> CreateContextAsync() => SqliteRegistryTestContext.CreateAsync();
}
