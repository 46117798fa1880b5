using CascadeDistill.Hangfire.Scheduling;
using Microsoft.Extensions.Hosting;

namespace CascadeDistill.Cli.Serve;

/// <summary>Registers every pipeline's recurring job when the host starts (Hangfire.InMemory keeps nothing across restarts).</summary>
public sealed class RecurringJobRegistration(RecurringDistillationRegistrar registrar) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        registrar.RegisterAll();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
