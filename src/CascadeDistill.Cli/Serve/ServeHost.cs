using CascadeDistill.Cli.Composition;
using CascadeDistill.Hangfire.Dashboard;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Serve;

/// <summary>
/// Builds the <c>serve</c> web host: configuration (appsettings.json beside the executable, environment
/// variables, then the command line), the services of <see cref="ServeServiceCollectionExtensions"/>,
/// the dashboard at <c>/hangfire</c> (loopback requests only; read-only unless configured) with the product's
/// Runs and Models pages (<see cref="DistillationDashboard"/>), and <c>/health</c>.
/// </summary>
public static class ServeHost
{
    public const string DashboardPath = "/hangfire";
    public const string HealthPath = "/health";

    /// <param name="settings">Highest-precedence settings, e.g. <c>Serve:WorkDirectory</c> from <c>--work-dir</c>.</param>
    public static WebApplication Build(string urls, IEnumerable<KeyValuePair<string, string?>> settings)
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

        WebApplication app = builder.Build();
        ServeOptions options = app.Services.GetRequiredService<IOptions<ServeOptions>>().Value;
        DistillationDashboard.AddPages();
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new LoopbackOnlyDashboardAuthorizationFilter()],
            IsReadOnlyFunc = _ => options.DashboardReadOnly,
            DisplayStorageConnectionString = false,
            DashboardTitle = "CascadeDistill",
        });
        app.MapRunEndpoints();
        app.MapGet(HealthPath, async (HealthProbe probe, CancellationToken cancellationToken) =>
        {
            HealthReport report = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
            return Results.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
