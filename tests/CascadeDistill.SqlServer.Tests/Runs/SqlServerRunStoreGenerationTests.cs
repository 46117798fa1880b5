using CascadeDistill.SqlServer.Tests.Support;
using CascadeDistill.Testing.Registry.Contract;
using CascadeDistill.Testing.SqlServer;
using CascadeDistill.Testing.Xunit;

namespace CascadeDistill.SqlServer.Tests.Runs;

/// <summary>The storage contract's tests of forced reruns (<see cref="RunStoreGenerationContractTests"/>) on the SQL Server adapter, each on a fresh database.</summary>
[RequiresEnvironmentVariable(SqlServerTestDatabase.VariableName, SqlServerTestDatabase.Purpose)]
public sealed class SqlServerRunStoreGenerationTests : RunStoreGenerationContractTests
{
    protected override Task<RegistryStoreContext> CreateContextAsync() => SqlServerRegistryTestContext.CreateAsync();
}
