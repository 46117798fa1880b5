using System.Globalization;

namespace CascadeDistill.Runs;

/// <summary>Another owner holds a live lease on the run of the same (pipeline, partition, config hash); nothing was done.</summary>
public sealed record RunAlreadyRunning(string RunId, string Pipeline, DateOnly Partition, string Owner, DateTimeOffset LeaseExpiresAt)
{
    public string Message => string.Create(
        CultureInfo.InvariantCulture,
        $"Pipeline '{Pipeline}' for {Partition:yyyy-MM-dd} is already running (run {RunId}, owner {Owner}, lease until {LeaseExpiresAt:yyyy-MM-dd HH:mm:ss}Z); nothing was done.");
}
