using CascadeDistill.SqlServer.Tests.Support;
using CascadeDistill.Testing.Registry.Contract;
using CascadeDistill.Testing.SqlServer;
using CascadeDistill.Testing.Xunit;

namespace CascadeDistill.SqlServer.Tests.Registry;

/// <summary>The storage contract's tests of model versions (<see cref="ModelRegistryContractTests"/>) on the SQL Server adapter, each on a fresh database.</summary>
[RequiresEnvironmentVariable(SqlServerTestDatabase.VariableName, SqlServerTestDatabase.Purpose)]
public sealed class SqlServerModelRegistryTests : ModelRegistryContractTests
{
    protected override Task<RegistryStoreContext> CreateContextAsync() => SqlServerRegistryTestContext.CreateAsync();
}
