namespace CascadeDistill.Cli.Serve;

/// <summary>The JSON body of <c>GET /health</c>: 200 when <see cref="Healthy"/>, else 503.</summary>
/// <param name="StorageReachable">The product's run table (SQLite or SQL Server, per <c>Storage:Provider</c>) answered a query.</param>
/// <param name="StorageError">Why it did not (exception type and message), or null.</param>
/// <param name="HangfireServerRunning">At least one Hangfire server has announced itself to the storage.</param>
/// <param name="HangfireServers">How many.</param>
public sealed record HealthReport(bool StorageReachable, string? StorageError, bool HangfireServerRunning, int HangfireServers)
{
    public bool Healthy => StorageReachable && HangfireServerRunning;

    public string Status => Healthy ? "Healthy" : "Unhealthy";
}
