using System.Runtime.ExceptionServices;
using CascadeDistill.Registry;

namespace CascadeDistill.Runs;

/// <summary>
/// Renews a run's lease in the background every third of its duration while a stage works, so a stage
/// longer than the lease is not taken over by another trigger. When the lease is lost (another owner
/// took the run over), <see cref="Token"/> is cancelled so the run stops at its next cancellation check,
/// and <see cref="ThrowIfLost"/> turns that cancellation into the <see cref="RunLeaseLostException"/>.
/// A renewal that fails for another reason (a database blip) is reported and retried at the next tick.
/// </summary>
public sealed class RunLeaseKeeper : IAsyncDisposable
{
    private readonly IRunStore _runs;
    private readonly string _runId;
    private readonly RunLease _lease;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;
    private readonly CancellationTokenSource _run;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private RunLeaseLostException? _lost;

    public RunLeaseKeeper(IRunStore runs, string runId, RunLease lease, TimeProvider time, Action<string> warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(warn);
        _runs = runs;
        _runId = runId;
        _lease = lease;
        _time = time;
        _warn = warn;
        _run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>The caller's token, also cancelled when the lease is lost.</summary>
    public CancellationToken Token => _run.Token;

    /// <summary>The loss of the lease, or null while it is held.</summary>
    public RunLeaseLostException? Lost => Volatile.Read(ref _lost);

    /// <summary>Throws the <see cref="RunLeaseLostException"/> when the lease was lost.</summary>
    public void ThrowIfLost()
    {
        if (Lost is { } lost)
        {
            ExceptionDispatchInfo.Throw(lost);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _run.Dispose();
    }

    private async Task LoopAsync()
    {
        TimeSpan interval = _lease.Duration / 3;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, _stop.Token).ConfigureAwait(false);
                await _runs.RenewLeaseAsync(_runId, _lease, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (RunLeaseLostException ex)
            {
                Volatile.Write(ref _lost, ex);
                _warn(ex.Message);
                await _run.CancelAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                // Not swallowed: reported, and the next tick renews again (the lease still has two thirds left).
                _warn($"Could not renew the lease of run {_runId}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
