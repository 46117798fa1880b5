using CascadeDistill.Registry;

namespace CascadeDistill.Storage.Sqlite;

/// <summary>Run generations (<c>run_generations</c>, migration 0004): forced reruns make a new run of the same key.</summary>
public sealed partial class SqliteRunStore
{
    public Task<RunRecord?> FindLatestRunAsync(string pipeline, DateOnly partition, string configHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        ArgumentException.ThrowIfNullOrEmpty(configHash);
        return _database.ReadAsync(
            (connection, transaction) => FindLatestOfKeyAsync(connection, transaction, pipeline, partition, configHash, cancellationToken),
            cancellationToken);
    }
}
