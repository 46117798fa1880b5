using CascadeDistill.Cli.Serve;
using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Scheduling;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Composition;

/// <summary>
/// The composition of <c>serve</c>: validated options, the adapters of the configured storage (the SQLite
/// or SQL Server run table is the source of truth), the distillation jobs, Hangfire with in-memory or SQL
/// Server storage (<see cref="HangfireStorageConfiguration"/>) and its servers
/// (<see cref="DistillationServersServiceCollectionExtensions"/>),
/// antiforgery for the dashboard, and the health probe.
/// </summary>
public static class ServeServiceCollectionExtensions
{
    public static IServiceCollection AddCascadeDistillServe(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ServeOptions>()
            .BindConfiguration(ServeOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServeOptions>, ServeOptionsValidator>();
        services.AddOptions<DistillationScheduleOptions>()
            .BindConfiguration(ServeOptions.Section + ":Schedule")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<DistillationQueueOptions>()
            .BindConfiguration(DistillationQueueOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DistillationQueueOptions>, DistillationQueueOptionsValidator>();
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<HostOptions>()
            .Configure<IOptions<ServeOptions>>((host, serve) => host.ShutdownTimeout = serve.Value.ShutdownTimeout);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CliServices.Open(
            sp.GetRequiredService<IOptions<ServeOptions>>().Value.WorkDirectory,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<CliServices>().Runner);
        services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<PipelineRunnerServices>().Runs);
        services.AddSingleton<IModelRegistry>(sp => sp.GetRequiredService<PipelineRunnerServices>().Registry);
        services.AddSingleton<ILogStore>(sp => sp.GetRequiredService<PipelineRunnerServices>().Logs);
        services.AddSingleton<IRunProgressStore>(sp => sp.GetRequiredService<PipelineRunnerServices>().Progress
            ?? throw new InvalidOperationException("The run store keeps no live progress."));
        services.AddSingleton(sp => new PipelineCatalogue(sp.GetRequiredService<IOptions<ServeOptions>>().Value.PipelinesDirectory));
        services.AddSingleton<IDistillationRunLauncher>(sp => new PipelineRunLauncher(
            sp.GetRequiredService<PipelineCatalogue>(),
            sp.GetRequiredService<PipelineRunnerServices>(),
            sp.GetRequiredService<IOptions<ServeOptions>>().Value.LeaseDuration,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddTransient<DistillationJob>();
        services.AddTransient<DistillationScheduleJob>();
        services.AddSingleton<IPendingDistillationJobs, HangfirePendingDistillationJobs>();
        services.AddSingleton<RecurringDistillationRegistrar>();
        services.AddTransient<StartupRecovery>();
        services.AddSingleton<HealthProbe>();

        services.AddHangfire((sp, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseConfiguredStorage(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddHostedService<RecurringJobRegistration>();
        services.AddHostedService<StartupRecoveryService>();
        services.AddAntiforgery();
        services.AddCascadeDistillDashboardAccess();
        return services;
    }
}
