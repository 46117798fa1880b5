using CascadeDistill.Registry;
using CascadeDistill.Testing.Xunit;
using Xunit;

namespace CascadeDistill.Testing.Registry.Contract;

/// <summary>The lease behaviour every <see cref="IRunStore"/> adapter must have: claims, renewals, take-overs.</summary>
public abstract class RunStoreLeaseContractTests : IAsyncLifetime
{
    private static readonly DateOnly s_partition = new(2025, 1, 14);
    private static readonly RunLease s_alice = new("alice", TimeSpan.FromMinutes(5));
    private static readonly RunLease s_bob = new("bob", TimeSpan.FromMinutes(5));
    private RegistryStoreContext _context = null!;

    public async Task InitializeAsync() => _context = await CreateContextAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>A new, empty, migrated database of the adapter under test.</summary>
    protected abstract Task<RegistryStoreContext> CreateContextAsync();

    [StoreFact]
    public async Task ClaimRunAsync_NewKey_CreatesRunUnderTheCallersLease()
    {
        var claim = await ClaimAsync(s_alice);

        Assert.Equal(RunClaimOutcome.Created, claim.Outcome);
        Assert.True(claim.Acquired);
        Assert.Equal("alice", claim.LeaseOwner);
        Assert.Equal(_context.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), claim.LeaseExpiresAt);
        Assert.Equal((RunStatus.Running, 1), (claim.Run.Status, claim.Run.Attempt));
    }

    [StoreFact]
    public async Task ClaimRunAsync_TwoOwnersOneKey_OnlyTheFirstAcquires()
    {
        var first = await ClaimAsync(s_alice);

        var second = await ClaimAsync(s_bob);

        Assert.Equal(RunClaimOutcome.AlreadyRunning, second.Outcome);
        Assert.False(second.Acquired);
        Assert.Equal(first.Run.RunId, second.Run.RunId);
        Assert.Equal(("alice", first.LeaseExpiresAt), (second.LeaseOwner, second.LeaseExpiresAt));
        Assert.Equal(1, second.Run.Attempt);
    }

    [StoreFact]
    public async Task ClaimRunAsync_ConcurrentOwners_ExactlyOneAcquires()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(
            () => ClaimAsync(new RunLease($"owner-{i}", TimeSpan.FromMinutes(5))))));

        Assert.Single(claims, c => c.Acquired);
        Assert.All(claims.Where(c => !c.Acquired), c => Assert.Equal(RunClaimOutcome.AlreadyRunning, c.Outcome));
        Assert.Single(claims.Select(c => c.Run.RunId).Distinct());
    }

    [StoreFact]
    public async Task ClaimRunAsync_ExpiredLease_IsTakenOverAsANewAttempt()
    {
        var first = await ClaimAsync(s_alice);
        _context.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1));

        var second = await ClaimAsync(s_bob);

        Assert.Equal(RunClaimOutcome.Resumed, second.Outcome);
        Assert.Equal(first.Run.RunId, second.Run.RunId);
        Assert.Equal("bob", second.LeaseOwner);
        Assert.Equal(2, second.Run.Attempt);
        await Assert.ThrowsAsync<RunLeaseLostException>(() => _context.Runs.RenewLeaseAsync(first.Run.RunId, s_alice, CancellationToken.None));
    }

    [StoreFact]
    public async Task ClaimRunAsync_LeaseExactlyAtExpiry_IsTakenOver()
    {
        await ClaimAsync(s_alice);
        _context.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(RunClaimOutcome.Resumed, (await ClaimAsync(s_bob)).Outcome);
    }

    [StoreFact]
    public async Task ClaimRunAsync_SameOwnerAgain_ResumesItsOwnRun()
    {
        var first = await ClaimAsync(s_alice);

        var again = await ClaimAsync(s_alice);

        Assert.Equal(RunClaimOutcome.Resumed, again.Outcome);
        Assert.Equal(first.Run.RunId, again.Run.RunId);
    }

    [StoreFact]
    public async Task ClaimRunAsync_FailedRun_ResumedByAnyOwnerWithStagesKept()
    {
        var first = await ClaimAsync(s_alice);
        await _context.Runs.BeginStageAsync(first.Run.RunId, RunStage.ReadLogs, CancellationToken.None);
        await _context.Runs.CompleteStageAsync(first.Run.RunId, RunStage.ReadLogs, null, CancellationToken.None);
        await _context.Runs.FailRunAsync(first.Run.RunId, "IOException: disk", CancellationToken.None);

        var second = await ClaimAsync(s_bob);

        Assert.Equal(RunClaimOutcome.Resumed, second.Outcome);
        Assert.Equal((RunStatus.Running, 2), (second.Run.Status, second.Run.Attempt));
        Assert.True(second.Run.HasSucceeded(RunStage.ReadLogs));
    }

    [StoreFact]
    public async Task ClaimRunAsync_SucceededRun_ReturnsAlreadySucceededWithoutLease()
    {
        var first = await ClaimAsync(s_alice);
        await _context.Runs.CompleteRunAsync(first.Run.RunId, CancellationToken.None);

        var second = await ClaimAsync(s_bob);

        Assert.Equal(RunClaimOutcome.AlreadySucceeded, second.Outcome);
        Assert.Null(second.LeaseOwner);
        Assert.Equal(RunStatus.Succeeded, second.Run.Status);
    }

    [StoreFact]
    public async Task ClaimRunAsync_RunningRunWithoutLease_IsTakenOver()
    {
        var legacy = await _context.Runs.StartRunAsync(RegistryStoreContext.RunRequest("recall", s_partition), CancellationToken.None);

        var claim = await ClaimAsync(s_bob);

        Assert.Equal(RunClaimOutcome.Resumed, claim.Outcome);
        Assert.Equal(legacy.Run.RunId, claim.Run.RunId);
    }

    [StoreFact]
    public async Task RenewLeaseAsync_ByHolder_ExtendsExpirySoOthersStayOut()
    {
        var first = await ClaimAsync(s_alice);
        _context.Clock.Advance(TimeSpan.FromMinutes(4));

        var expires = await _context.Runs.RenewLeaseAsync(first.Run.RunId, s_alice, CancellationToken.None);
        _context.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(_context.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), expires);
        Assert.Equal(RunClaimOutcome.AlreadyRunning, (await ClaimAsync(s_bob)).Outcome);
    }

    [StoreFact]
    public async Task RenewLeaseAsync_RunNoLongerRunning_Throws()
    {
        var first = await ClaimAsync(s_alice);
        await _context.Runs.FailRunAsync(first.Run.RunId, "cancelled", CancellationToken.None);

        await Assert.ThrowsAsync<RunLeaseLostException>(() => _context.Runs.RenewLeaseAsync(first.Run.RunId, s_alice, CancellationToken.None));
    }

    [StoreFact]
    public async Task ReleaseLeaseAsync_ByHolder_LetsAnotherOwnerTakeOverAtOnce()
    {
        var first = await ClaimAsync(s_alice);
        await _context.Runs.ReleaseLeaseAsync(first.Run.RunId, "bob", CancellationToken.None);
        Assert.Equal(RunClaimOutcome.AlreadyRunning, (await ClaimAsync(s_bob)).Outcome);

        await _context.Runs.ReleaseLeaseAsync(first.Run.RunId, "alice", CancellationToken.None);

        Assert.Equal(RunClaimOutcome.Resumed, (await ClaimAsync(s_bob)).Outcome);
    }

    [StoreFact]
    public async Task FailRunAsync_DropsTheLease_SoTheRetryIsNotBlocked()
    {
        var first = await ClaimAsync(s_alice);
        await _context.Runs.FailRunAsync(first.Run.RunId, "IOException: disk", CancellationToken.None);

        Assert.Equal(RunClaimOutcome.Resumed, (await ClaimAsync(s_bob)).Outcome);
    }

    [StoreFact]
    public async Task ClaimRunAsync_InvalidLease_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ClaimAsync(new RunLease(" ", TimeSpan.FromMinutes(1))));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ClaimAsync(new RunLease("alice", TimeSpan.Zero)));
    }

    [StoreFact]
    public async Task GetLeaseAsync_ClaimedThenFailed_HolderWithExpiryThenNone()
    {
        var claim = await ClaimAsync(s_alice);

        var lease = await _context.Runs.GetLeaseAsync(claim.Run.RunId, CancellationToken.None);
        Assert.Equal(new RunLeaseHolder("alice", claim.LeaseExpiresAt!.Value), lease);
        Assert.True(lease!.IsLiveAt(_context.Clock.GetUtcNow()));
        Assert.False(lease.IsLiveAt(claim.LeaseExpiresAt.Value));

        await _context.Runs.FailRunAsync(claim.Run.RunId, "cancelled", CancellationToken.None);
        Assert.Null(await _context.Runs.GetLeaseAsync(claim.Run.RunId, CancellationToken.None));
        await Assert.ThrowsAsync<RunNotFoundException>(() => _context.Runs.GetLeaseAsync("missing", CancellationToken.None));
    }

    private Task<LeasedRunClaim> ClaimAsync(RunLease lease) =>
        _context.Runs.ClaimRunAsync(RegistryStoreContext.RunRequest("recall", s_partition), lease, CancellationToken.None);
}
