using CascadeDistill.Registry;
using CascadeDistill.SqlServer.Rows;
using Dapper;
using static CascadeDistill.SqlServer.SqlServerTables;

namespace CascadeDistill.SqlServer.Runs;

/// <summary>Live progress of runs (<c>run_progress</c>, migration 0003): one row per run, replaced at each report; unknown runs are ignored.</summary>
public sealed partial class SqlServerRunStore : IRunProgressStore
{
    public Task SaveProgressAsync(string runId, RunProgress progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(progress);
        ThrowIfUndefined(progress.Stage);
        ArgumentNullException.ThrowIfNull(progress.Message);
        if (progress.Fraction is { } fraction && (double.IsNaN(fraction) || fraction < 0 || fraction > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(progress), fraction, "Progress fraction must be in [0, 1].");
        }
        return _database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE {ProgressTable} {SqlServerRegistryDatabase.Lock}
                SET stage = @Stage, fraction = @Fraction, [rows] = @Rows, epoch = @Epoch, epochs = @Epochs, loss = @Loss,
                    message = @Message, updated_at = @UpdatedAt
                WHERE run_id = @RunId;
                IF @@ROWCOUNT = 0
                    INSERT INTO {ProgressTable} (run_id, stage, fraction, [rows], epoch, epochs, loss, message, updated_at)
                    SELECT @RunId, @Stage, @Fraction, @Rows, @Epoch, @Epochs, @Loss, @Message, @UpdatedAt
                    WHERE EXISTS (SELECT 1 FROM {RunsTable} WHERE run_id = @RunId);
                """,
                new
                {
                    RunId = runId,
                    Stage = progress.Stage.ToString(),
                    progress.Fraction,
                    progress.Rows,
                    progress.Epoch,
                    progress.Epochs,
                    Loss = progress.Loss is { } loss && double.IsFinite(loss) ? loss : (double?)null,
                    progress.Message,
                    UpdatedAt = SqlServerValues.Time(progress.UpdatedAt),
                },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, RunProgress>> GetProgressAsync(IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        return _database.ReadAsync<IReadOnlyDictionary<string, RunProgress>>(
            async (connection, transaction) =>
            {
                if (runIds.Count == 0)
                {
                    return new Dictionary<string, RunProgress>(StringComparer.Ordinal);
                }
                var rows = await connection.QueryAsync<ProgressRow>(new CommandDefinition(
                    $"SELECT {ProgressRow.Columns} FROM {ProgressTable} WHERE run_id IN @RunIds;",
                    new { RunIds = runIds },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return rows.ToDictionary(r => r.RunId, r => r.ToRecord(), StringComparer.Ordinal);
            },
            cancellationToken);
    }
}
