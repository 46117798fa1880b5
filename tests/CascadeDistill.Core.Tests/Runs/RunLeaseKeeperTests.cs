using System.Collections.Concurrent;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Testing.Registry;

namespace CascadeDistill.Core.Tests.Runs;

public sealed class RunLeaseKeeperTests
{
    private static readonly RunLease s_lease = new("me", TimeSpan.FromMilliseconds(150));

    [Fact]
    public async Task Keeper_WhileHeld_RenewsRepeatedlyAndLeavesTheTokenAlone()
    {
        var store = new ScriptedRenewalRunStore(_ => DateTimeOffset.UnixEpoch);
        await using (var keeper = new RunLeaseKeeper(store, "run-1", s_lease, TimeProvider.System, _ => { }, CancellationToken.None))
        {
            await WaitUntilAsync(() => store.Renewals >= 3);
            Assert.False(keeper.Token.IsCancellationRequested);
            Assert.Null(keeper.Lost);
            keeper.ThrowIfLost();
        }
    }

    [Fact]
    public async Task Keeper_LeaseLost_CancelsTheTokenAndThrowIfLostThrows()
    {
        var warnings = new ConcurrentQueue<string>();
        var store = new ScriptedRenewalRunStore(call => call >= 2 ? throw new RunLeaseLostException("run-1", "me", "'other' holds it now.") : DateTimeOffset.UnixEpoch);
        await using var keeper = new RunLeaseKeeper(store, "run-1", s_lease, TimeProvider.System, warnings.Enqueue, CancellationToken.None);

        await WaitUntilAsync(() => keeper.Token.IsCancellationRequested);

        Assert.Throws<RunLeaseLostException>(keeper.ThrowIfLost);
        Assert.Contains(warnings, w => w.Contains("other", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keeper_RenewalBlip_IsReportedAndRetried()
    {
        var warnings = new ConcurrentQueue<string>();
        var store = new ScriptedRenewalRunStore(call => call == 1 ? throw new IOException("database is locked") : DateTimeOffset.UnixEpoch);
        await using var keeper = new RunLeaseKeeper(store, "run-1", s_lease, TimeProvider.System, warnings.Enqueue, CancellationToken.None);

        await WaitUntilAsync(() => store.Renewals >= 2);

        Assert.False(keeper.Token.IsCancellationRequested);
        Assert.Contains(warnings, w => w.Contains("database is locked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keeper_CallerCancels_TokenIsCancelledWithoutALoss()
    {
        using var caller = new CancellationTokenSource();
        var store = new ScriptedRenewalRunStore(_ => DateTimeOffset.UnixEpoch);
        await using var keeper = new RunLeaseKeeper(store, "run-1", new RunLease("me", TimeSpan.FromMinutes(30)), TimeProvider.System, _ => { }, caller.Token);

        await caller.CancelAsync();

        Assert.True(keeper.Token.IsCancellationRequested);
        Assert.Null(keeper.Lost);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }
}
