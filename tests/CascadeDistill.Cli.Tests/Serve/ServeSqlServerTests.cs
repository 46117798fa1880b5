using System.Net;
using System.Text.Json;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Registry;
using CascadeDistill.Testing.SqlServer;
using CascadeDistill.Testing.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary><c>serve</c> with <c>Storage:Provider = sqlserver</c> on a throw-away database: the product's tables and Hangfire's both in SQL Server.</summary>
[RequiresEnvironmentVariable(SqlServerTestDatabase.VariableName, SqlServerTestDatabase.Purpose)]
[Collection(ServeHostCollection.Name)]
public sealed class ServeSqlServerTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-serve-sql-");

    public void Dispose() => _work.Delete(recursive: true);

    [StoreFact]
    public async Task Serve_OnSqlServer_IsHealthyAndRecordsRunsThere()
    {
        await using var database = await SqlServerTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlserver",
            ["Storage:SqlServer:ConnectionString"] = database.ConnectionString,
        };
        await using RunningServeHost host = await RunningServeHost.StartAsync(new DirectoryInfo(Path.Combine(_work.FullName, "work")), RepositoryPaths.Pipelines(), settings);

        JsonElement health = await WaitForHealthAsync(host);
        IRunStore runs = host.App.Services.GetRequiredService<IRunStore>();
        var day = new DateOnly(2025, 1, 6);
        RunClaim claim = await runs.StartRunAsync(new StartRunRequest("recall-pointwise", day, day.AddDays(-3), day, new string('a', 64)), CancellationToken.None);
        string page = await host.Client.GetStringAsync(new Uri("/hangfire/runs", UriKind.Relative));
        string recurring = await host.Client.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative));

        Assert.True(health.GetProperty("storageReachable").GetBoolean());
        Assert.True(health.GetProperty("hangfireServerRunning").GetBoolean());
        Assert.StartsWith("SqlServer", runs.GetType().Name, StringComparison.Ordinal);
        Assert.Contains(claim.Run.RunId, page, StringComparison.Ordinal);
        Assert.Contains("distil:recall-pointwise", recurring, StringComparison.Ordinal);
        Assert.DoesNotContain(database.Name, page + recurring, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WaitForHealthAsync(RunningServeHost host)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using HttpResponseMessage response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
            JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return body;
            }
            await Task.Delay(200);
        }
    }
}
