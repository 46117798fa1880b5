using CascadeDistill.Hangfire.Dashboard;
using CascadeDistill.Hangfire.Dashboard.Authorization;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Serve;

/// <summary>
/// The dashboard at <c>/hangfire</c> with the product's pages: access decided by <see cref="DashboardAccessFilter"/>
/// (<c>Serve:Dashboard</c>: local-only by default, basic authentication or policies), read-only for everyone who
/// is not admin (and for everyone while <c>Serve:DashboardReadOnly</c> is true), antiforgery on its POSTs (registered
/// in the services), and never the storage connection string.
/// </summary>
public static class ServeDashboard
{
    public static WebApplication UseCascadeDistillDashboard(this WebApplication app, string path)
    {
        ArgumentNullException.ThrowIfNull(app);
        ServeOptions serve = app.Services.GetRequiredService<IOptions<ServeOptions>>().Value;
        DistillationDashboard.AddPages();
        app.UseAuthentication();
        app.UseHangfireDashboard(path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [app.Services.GetRequiredService<DashboardAccessFilter>()],
            IsReadOnlyFunc = context => DashboardAccessFilter.IsReadOnly(context, serve.DashboardReadOnly),
            DisplayStorageConnectionString = false,
            DashboardTitle = "CascadeDistill",
        });
        return app;
    }
}
