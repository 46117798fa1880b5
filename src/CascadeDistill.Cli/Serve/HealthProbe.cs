using CascadeDistill.Registry;
using Hangfire;

namespace CascadeDistill.Cli.Serve;

/// <summary>Checks what <c>/health</c> reports: the run store answers, and a Hangfire server is running.</summary>
public sealed class HealthProbe(IRunStore runs, JobStorage jobStorage)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        string? storageError = null;
        try
        {
            await runs.ListRunsAsync(new RunQuery(Limit: 1), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reported, not swallowed: the health response carries it and turns 503.
            storageError = $"{ex.GetType().Name}: {ex.Message}";
        }
        int servers = jobStorage.GetMonitoringApi().Servers().Count;
        return new HealthReport(storageError is null, storageError, servers > 0, servers);
    }
}
