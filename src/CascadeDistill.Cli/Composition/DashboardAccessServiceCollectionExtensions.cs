using CascadeDistill.Hangfire.Dashboard.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Composition;

/// <summary>
/// Dashboard access settings (<c>Serve:Dashboard</c>, validated at start), the loopback locality check, and the
/// ASP.NET Core authentication/authorization services that policy mode evaluates (an embedding host adds its schemes
/// and policies through <c>ServeHost.Build</c>'s <c>configureServices</c>).
/// </summary>
public static class DashboardAccessServiceCollectionExtensions
{
    public static IServiceCollection AddCascadeDistillDashboardAccess(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DashboardAuthorizationOptions>()
            .BindConfiguration(DashboardAuthorizationOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardAuthorizationOptions>, DashboardAuthorizationOptionsValidator>();
        services.TryAddSingleton<IDashboardRequestLocality>(LoopbackRequestLocality.Instance);
        // One filter for the dashboard and the run API, so a verified credential is cached once (PBKDF2 runs once per credential).
        services.TryAddSingleton(sp => new DashboardAccessFilter(sp.GetRequiredService<IOptions<DashboardAuthorizationOptions>>().Value));
        services.AddAuthentication();
        services.AddAuthorization();
        return services;
    }
}
