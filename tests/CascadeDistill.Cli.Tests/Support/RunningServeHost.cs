using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Tests.Support;

/// <summary>The real <c>serve</c> host started with Kestrel on loopback (port 0: the OS picks a free one).</summary>
public sealed class RunningServeHost : IAsyncDisposable
{
    private RunningServeHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    /// <summary>The loopback address the host listens on.</summary>
    public Uri Address { get; }

    public HttpClient Client { get; }

    public static async Task<RunningServeHost> StartAsync(
        DirectoryInfo workDir,
        DirectoryInfo pipelines,
        IReadOnlyDictionary<string, string?>? settings = null,
        string urls = "http://127.0.0.1:0",
        Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string?>(ServeCommand.Settings(workDir, pipelines), StringComparer.Ordinal);
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        WebApplication app = ServeHost.Build(urls, all, configureServices);
        try
        {
            await app.StartAsync();
            string loopback = app.Urls.First(u => u.Contains("127.0.0.1", StringComparison.Ordinal));
            return new RunningServeHost(app, new Uri(loopback));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
