using CascadeDistill.SqlServer.Tests.Support;
using CascadeDistill.Testing.Registry.Contract;
using CascadeDistill.Testing.SqlServer;
using CascadeDistill.Testing.Xunit;

namespace CascadeDistill.SqlServer.Tests.Runs;

/// <summary>The storage contract's tests of checkpoints and progress (<see cref="RunStoreCheckpointContractTests"/>) on the SQL Server adapter, each on a fresh database.</summary>
[RequiresEnvironmentVariable(SqlServerTestDatabase.VariableName, SqlServerTestDatabase.Purpose)]
public sealed class SqlServerRunStoreCheckpointTests : RunStoreCheckpointContractTests
{
    protected override Task<RegistryStoreContext> CreateContextAsync() => SqlServerRegistryTestContext.CreateAsync();
}
