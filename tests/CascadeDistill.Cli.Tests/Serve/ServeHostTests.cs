using System.Net;
using System.Text.Json;
using CascadeDistill.Cli.Serve;
using CascadeDistill.Cli.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>Host smoke tests: the real host on loopback over real sockets.</summary>
[Collection(ServeHostCollection.Name)]
public sealed class ServeHostTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-serve-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Health_HostStarted_Returns200WithStorageAndServerUp()
    {
        await using RunningServeHost host = await RunningServeHost.StartAsync(WorkDir(), RepositoryPaths.Pipelines());

        (HttpStatusCode status, JsonElement body) = await WaitForHealthyAsync(host);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("storageReachable").GetBoolean());
        Assert.True(body.GetProperty("hangfireServerRunning").GetBoolean());
    }

    [Fact]
    public async Task Dashboard_FromLoopback_Returns200AndListsRecurringJobs()
    {
        await using RunningServeHost host = await RunningServeHost.StartAsync(WorkDir(), RepositoryPaths.Pipelines());

        using HttpResponseMessage dashboard = await host.Client.GetAsync(new Uri("/hangfire", UriKind.Relative));
        string recurring = await host.Client.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("distil:recall-pointwise", recurring, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidOptions_RefusesToStartListingEveryError()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Serve:WorkerCount"] = "0",
            ["Serve:ShutdownTimeout"] = "00:00:10",
            ["Serve:HangfireShutdownTimeout"] = "00:00:15",
        };

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => RunningServeHost.StartAsync(WorkDir(), new DirectoryInfo(Path.Combine(_work.FullName, "no-such-folder")), settings));

        Assert.Contains(error.Failures, f => f.Contains("WorkerCount", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ShutdownTimeout", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("no-such-folder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_Defaults_HostShutdownTimeoutExceedsHangfires()
    {
        await using var app = ServeHost.Build("http://127.0.0.1:0", Support.ServeSettings.For(WorkDir(), RepositoryPaths.Pipelines()));
        ServeOptions serve = app.Services.GetRequiredService<IOptions<ServeOptions>>().Value;
        HostOptions host = app.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(30), host.ShutdownTimeout);
        Assert.True(host.ShutdownTimeout > serve.HangfireShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), serve.HangfireShutdownTimeout);
        Assert.True(serve.DashboardReadOnly);
        Assert.Equal(1, serve.WorkerCount);
    }

    [Fact]
    public async Task Build_EnvironmentVariable_OverridesAppSettings()
    {
        Environment.SetEnvironmentVariable("Serve__LeaseDuration", "00:07:00");
        try
        {
            await using var app = ServeHost.Build("http://127.0.0.1:0", Support.ServeSettings.For(WorkDir(), RepositoryPaths.Pipelines()));
            Assert.Equal(TimeSpan.FromMinutes(7), app.Services.GetRequiredService<IOptions<ServeOptions>>().Value.LeaseDuration);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Serve__LeaseDuration", null);
        }
    }

    private DirectoryInfo WorkDir() => new(Path.Combine(_work.FullName, "work"));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> WaitForHealthyAsync(RunningServeHost host)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using HttpResponseMessage response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }
            await Task.Delay(100);
        }
    }
}
