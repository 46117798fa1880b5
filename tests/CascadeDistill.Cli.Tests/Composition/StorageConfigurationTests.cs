using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Tests.Support;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Tests.Composition;

[Collection(ServeHostCollection.Name)]
public sealed class StorageConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-storage-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Bind_NothingConfigured_IsEmbeddedSqlite()
    {
        StorageOptions options = StorageConfiguration.Bind(Configuration([]));

        Assert.Equal("sqlite", options.Provider);
        Assert.False(options.UsesSqlServer);
    }

    [Fact]
    public void Bind_SqlServerWithConnectionString_TakesItsSettings()
    {
        StorageOptions options = StorageConfiguration.Bind(Configuration(new()
        {
            ["Storage:Provider"] = "sqlserver",
            ["Storage:SqlServer:ConnectionString"] = "Server=db.internal;Database=cascade;Integrated Security=true",
            ["Storage:SqlServer:CommandTimeout"] = "00:01:00",
            ["Storage:HangfireSchema"] = "jobs",
        }));

        Assert.True(options.UsesSqlServer);
        Assert.Equal(TimeSpan.FromMinutes(1), options.SqlServer.CommandTimeout);
        SqlServerStorageOptions hangfire = HangfireStorageConfiguration.SqlServerOptions(options);
        Assert.Equal(("jobs", true), (hangfire.SchemaName, hangfire.PrepareSchemaIfNecessary));
        Assert.Same(Microsoft.Data.SqlClient.SqlClientFactory.Instance, hangfire.SqlClientFactory);
    }

    [Fact]
    public void Bind_UnknownProvider_IsRefusedNamingTheChoices()
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => StorageConfiguration.Bind(Configuration(new() { ["Storage:Provider"] = "postgres" })));

        Assert.Equal("Storage:Provider 'postgres' is not one of: sqlite, sqlserver.", Assert.Single(error.Failures));
    }

    [Fact]
    public void Bind_SqlServerWithSeveralProblems_ListsEveryOneWithoutTheSecret()
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => StorageConfiguration.Bind(Configuration(new()
        {
            ["Storage:Provider"] = "sqlserver",
            ["Storage:SqlServer:ConnectionString"] = "Server=db.internal;User ID=app;Password=hunter2",
            ["Storage:SqlServer:CommandTimeout"] = "00:00:00",
            ["Storage:HangfireSchema"] = "cascade_distill",
        })));

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Storage:SqlServer:ConnectionString names no database", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Storage:SqlServer:CommandTimeout", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Storage:HangfireSchema must differ", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SqlServerWithoutConnectionString_RefusesToStartNamingTheSetting()
    {
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "sqlserver" };

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => RunningServeHost.StartAsync(new DirectoryInfo(Path.Combine(_work.FullName, "work")), RepositoryPaths.Pipelines(), settings));

        Assert.Contains(error.Failures, f => f.StartsWith("Storage:SqlServer:ConnectionString is required", StringComparison.Ordinal)
            && f.Contains("Storage__SqlServer__ConnectionString", StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
