namespace CascadeDistill.SqlServer.Tests;

public sealed class SqlServerRegistryOptionsValidatorTests
{
    private const string Path = "Storage:SqlServer";

    [Fact]
    public void Validate_GoodOptions_HasNoErrors() =>
        Assert.Empty(SqlServerRegistryOptionsValidator.Validate(
            new SqlServerRegistryOptions { ConnectionString = "Server=db.internal;Database=cascade;Integrated Security=true;TrustServerCertificate=true" }, Path));

    [Fact]
    public void Validate_MissingConnectionString_NamesTheSettingAndItsEnvironmentVariable()
    {
        var error = Assert.Single(SqlServerRegistryOptionsValidator.Validate(new SqlServerRegistryOptions(), Path));

        Assert.Contains("Storage:SqlServer:ConnectionString is required", error, StringComparison.Ordinal);
        Assert.Contains("Storage__SqlServer__ConnectionString", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOneWithItsPath()
    {
        var errors = SqlServerRegistryOptionsValidator.Validate(
            new SqlServerRegistryOptions { ConnectionString = "Server=db.internal;User ID=app;Password=hunter2", CommandTimeout = TimeSpan.Zero, MaxConflictRetries = -1 },
            Path);

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Storage:SqlServer:ConnectionString names no database", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Storage:SqlServer:CommandTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Storage:SqlServer:MaxConflictRetries", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnparsableConnectionString_IsReportedWithoutRepeatingIt()
    {
        var error = Assert.Single(SqlServerRegistryOptionsValidator.Validate(
            new SqlServerRegistryOptions { ConnectionString = "Server=db;Password=s3cret;Bogus Keyword=1" }, Path));

        Assert.StartsWith("Storage:SqlServer:ConnectionString is not a valid SQL Server connection string", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoServer_IsReported()
    {
        var error = Assert.Single(SqlServerRegistryOptionsValidator.Validate(new SqlServerRegistryOptions { ConnectionString = "Database=cascade;Integrated Security=true" }, Path));

        Assert.Contains("names no server", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_InvalidOptions_ThrowsBeforeConnecting()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SqlServerRegistryDatabase.OpenAsync(new SqlServerRegistryOptions(), CancellationToken.None));

        Assert.Contains("ConnectionString is required", error.Message, StringComparison.Ordinal);
    }
}
