using CascadeDistill.Cli.Serve;
using CascadeDistill.Hangfire.Jobs;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Cli.Composition;

/// <summary>
/// The Hangfire servers of <c>serve</c> (<see cref="DistillationQueueOptions"/>): one server of <c>Serve:WorkerCount</c>
/// workers on every queue, or, with <c>Serve:Queues:SplitStages</c>, a dataset server (dataset + default queues) and a
/// training server, each only when it has workers. The choice is read from configuration when the services are composed.
/// </summary>
public static class DistillationServersServiceCollectionExtensions
{
    public static IServiceCollection AddDistillationServers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var queues = new DistillationQueueOptions();
        configuration.GetSection(DistillationQueueOptions.Section).Bind(queues);
        if (!queues.SplitStages)
        {
            AddServer(services, "all", [DistillationQueues.Training, DistillationQueues.Dataset, DistillationQueues.Default], options => options.WorkerCount);
            return services;
        }
        if (queues.DatasetWorkers > 0)
        {
            AddServer(services, DistillationQueues.Dataset, [DistillationQueues.Dataset, DistillationQueues.Default], _ => queues.DatasetWorkers);
        }
        if (queues.TrainingWorkers > 0)
        {
            string[] training = queues.DatasetWorkers > 0 ? [DistillationQueues.Training] : [DistillationQueues.Training, DistillationQueues.Default];
            AddServer(services, DistillationQueues.Training, training, _ => queues.TrainingWorkers);
        }
        return services;
    }

    private static void AddServer(IServiceCollection services, string name, string[] queues, Func<ServeOptions, int> workers) =>
        services.AddHangfireServer((sp, server) =>
        {
            ServeOptions options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServeOptions>>().Value;
            server.WorkerCount = Math.Max(1, workers(options));
            server.Queues = queues;
            server.ShutdownTimeout = options.HangfireShutdownTimeout;
            server.SchedulePollingInterval = options.SchedulePollingInterval;
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{name}";
        });
}
