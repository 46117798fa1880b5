using CascadeDistill.Cli.Composition;
using CascadeDistill.Hangfire.Dashboard.Authorization;
using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Serve;

/// <summary>Validates every settings section of <c>serve</c> together, so a bad configuration is refused with all its errors at once, not one section at a time.</summary>
public static class ServeConfigurationCheck
{
    /// <summary>Builds the host, then validates every section; a section that fails while the host is built (options read during
    /// building) is reported together with all the others, from a throw-away provider of the same services.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        WebApplication app;
        try
        {
            app = builder.Build();
        }
        catch (OptionsValidationException)
        {
            using ServiceProvider probe = builder.Services.BuildServiceProvider();
            ThrowIfInvalid(probe);
            throw;
        }

        ThrowIfInvalid(app.Services);
        return app;
    }

    /// <exception cref="OptionsValidationException">Any section is invalid; <see cref="OptionsValidationException.Failures"/> lists every problem of every section.</exception>
    public static void ThrowIfInvalid(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var failures = new List<string>();
        Collect<ServeOptions>(services, failures);
        Collect<DistillationScheduleOptions>(services, failures);
        Collect<DistillationQueueOptions>(services, failures);
        Collect<StorageOptions>(services, failures);
        Collect<DashboardAuthorizationOptions>(services, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(ServeOptions.Section, typeof(ServeOptions), failures);
        }
    }

    private static void Collect<T>(IServiceProvider services, List<string> failures)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }
    }
}
