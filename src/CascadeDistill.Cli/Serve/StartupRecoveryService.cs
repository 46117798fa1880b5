using CascadeDistill.Hangfire.Scheduling;
using Microsoft.Extensions.Hosting;

namespace CascadeDistill.Cli.Serve;

/// <summary>Runs <see cref="StartupRecovery"/> when the host starts: interrupted runs are resumed and missed partitions caught up without waiting for a trigger.</summary>
public sealed class StartupRecoveryService(StartupRecovery recovery) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => recovery.RecoverAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
