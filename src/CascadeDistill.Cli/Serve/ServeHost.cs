using CascadeDistill.Cli.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Serve;

/// <summary>
/// Builds the <c>serve</c> web host: configuration (appsettings.json beside the executable, environment
/// variables, then the command line), the services of <see cref="ServeServiceCollectionExtensions"/>,
/// the dashboard at <c>/hangfire</c> (<see cref="ServeDashboard"/>: local-only unless <c>Serve:Dashboard</c> configures
/// basic authentication or policies; read-only for non-admins) with the product's Runs and Models pages, and <c>/health</c>.
/// </summary>
public static class ServeHost
{
    public const string DashboardPath = "/hangfire";
    public const string HealthPath = "/health";

    /// <param name="settings">Highest-precedence settings, e.g. <c>Serve:WorkDirectory</c> from <c>--work-dir</c>.</param>
    /// <param name="configureServices">Changes to the services after the product's own (an embedding host's authentication schemes and policies, a test's fakes).</param>
    public static WebApplication Build(string urls, IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urls);
        ArgumentNullException.ThrowIfNull(settings);
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(urls);
        builder.Services.AddCascadeDistillServe();
        builder.Services.AddDistillationServers(builder.Configuration);

        configureServices?.Invoke(builder.Services);

        WebApplication app = ServeConfigurationCheck.Build(builder);
        app.UseCascadeDistillDashboard(DashboardPath);
        app.MapRunEndpoints();
        app.MapGet(HealthPath, async (HealthProbe probe, CancellationToken cancellationToken) =>
        {
            HealthReport report = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
            return Results.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
