using CascadeDistill.Registry;
using CascadeDistill.Testing.Xunit;
using Xunit;

namespace CascadeDistill.Testing.Registry.Contract;

/// <summary>
/// Forced reruns every <see cref="IRunStore"/> adapter must support: the claim key includes a generation, a rerun that
/// supersedes the newest Succeeded run is a new run (and publishes a new version) while the old run and version stay
/// intact, and duplicate forced claims give one run.
/// </summary>
public abstract class RunStoreGenerationContractTests : IAsyncLifetime
{
    private const string Model = "recall-model";
    private static readonly DateOnly s_partition = new(2025, 1, 14);
    private static readonly RunLease s_alice = new("alice", TimeSpan.FromMinutes(5));
    private static readonly RunLease s_bob = new("bob", TimeSpan.FromMinutes(5));
    private RegistryStoreContext _context = null!;

    public async Task InitializeAsync() => _context = await CreateContextAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>A new, empty, migrated database of the adapter under test.</summary>
    protected abstract Task<RegistryStoreContext> CreateContextAsync();

    [StoreFact]
    public async Task ClaimRunAsync_SupersedingTheNewestSucceededRun_CreatesTheNextGeneration_OldRunAndVersionIntact()
    {
        (RunRecord first, int firstVersion) = await SucceedWithReadyVersionAsync(s_alice, supersedes: null);

        LeasedRunClaim rerun = await ClaimAsync(s_bob, supersedes: first.RunId);

        Assert.Equal(RunClaimOutcome.Created, rerun.Outcome);
        Assert.NotEqual(first.RunId, rerun.Run.RunId);
        Assert.Equal((1, first.RunId, RunStatus.Running, 1), (rerun.Run.Generation, rerun.Run.SupersedesRunId, rerun.Run.Status, rerun.Run.Attempt));
        Assert.Equal((s_partition, first.ConfigHash), (rerun.Run.Partition, rerun.Run.ConfigHash));
        RunRecord old = (await _context.Runs.GetRunAsync(first.RunId, CancellationToken.None))!;
        Assert.Equal((RunStatus.Succeeded, 0, (string?)null), (old.Status, old.Generation, old.SupersedesRunId));
        ModelVersion oldVersion = (await _context.Models.GetVersionAsync(Model, firstVersion, CancellationToken.None))!;
        Assert.Equal((ModelVersionStatus.Ready, first.RunId), (oldVersion.Status, oldVersion.RunId));
    }

    [StoreFact]
    public async Task ClaimRunAsync_ForcedRerunPublishes_ANewVersionBesideTheOldOne()
    {
        (RunRecord first, int firstVersion) = await SucceedWithReadyVersionAsync(s_alice, supersedes: null);

        (RunRecord second, int secondVersion) = await SucceedWithReadyVersionAsync(s_bob, supersedes: first.RunId);

        Assert.True(secondVersion > firstVersion);
        IReadOnlyList<ModelVersion> ready = await _context.Models.ListVersionsAsync(Model, includeNonReady: false, CancellationToken.None);
        Assert.Equal([(firstVersion, first.RunId), (secondVersion, second.RunId)], ready.Select(v => (v.Version, v.RunId)).OrderBy(v => v.Version).ToArray());
        Assert.Equal(second.RunId, (await _context.Runs.FindLatestRunAsync("recall", s_partition, first.ConfigHash, CancellationToken.None))!.RunId);
    }

    [StoreFact]
    public async Task ClaimRunAsync_DuplicateForcedClaimWhileTheRerunRuns_IsAlreadyRunning_AfterItSucceeded_IsAlreadySucceeded()
    {
        (RunRecord first, _) = await SucceedWithReadyVersionAsync(s_alice, supersedes: null);
        LeasedRunClaim rerun = await ClaimAsync(s_alice, supersedes: first.RunId);

        LeasedRunClaim duplicate = await ClaimAsync(s_bob, supersedes: first.RunId);
        await CompleteAllStagesAsync(rerun.Run.RunId);
        await _context.Runs.CompleteRunAsync(rerun.Run.RunId, CancellationToken.None);
        LeasedRunClaim late = await ClaimAsync(s_bob, supersedes: first.RunId);

        Assert.Equal((RunClaimOutcome.AlreadyRunning, rerun.Run.RunId), (duplicate.Outcome, duplicate.Run.RunId));
        Assert.Equal((RunClaimOutcome.AlreadySucceeded, rerun.Run.RunId), (late.Outcome, late.Run.RunId));
        Assert.Equal(2, (await _context.Runs.ListRunsAsync(new RunQuery("recall"), CancellationToken.None)).Count);
    }

    [StoreFact]
    public async Task ClaimRunAsync_ConcurrentForcedClaims_ExactlyOneNewGeneration()
    {
        (RunRecord first, _) = await SucceedWithReadyVersionAsync(s_alice, supersedes: null);

        LeasedRunClaim[] claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => ClaimAsync(new RunLease($"owner-{i}", TimeSpan.FromMinutes(5)), supersedes: first.RunId))));

        LeasedRunClaim created = Assert.Single(claims, c => c.Outcome == RunClaimOutcome.Created);
        Assert.All(claims.Where(c => c != created), c => Assert.Equal((RunClaimOutcome.AlreadyRunning, created.Run.RunId), (c.Outcome, c.Run.RunId)));
        Assert.Equal(2, (await _context.Runs.ListRunsAsync(new RunQuery("recall"), CancellationToken.None)).Count);
    }

    [StoreFact]
    public async Task ClaimRunAsync_WithoutSupersedes_ActsOnTheNewestGeneration()
    {
        (RunRecord first, _) = await SucceedWithReadyVersionAsync(s_alice, supersedes: null);
        (RunRecord second, _) = await SucceedWithReadyVersionAsync(s_alice, supersedes: first.RunId);

        LeasedRunClaim plain = await ClaimAsync(s_bob, supersedes: null);
        LeasedRunClaim stale = await ClaimAsync(s_bob, supersedes: first.RunId);
        RunClaim started = await _context.Runs.StartRunAsync(RegistryStoreContext.RunRequest("recall", s_partition), CancellationToken.None);

        Assert.Equal((RunClaimOutcome.AlreadySucceeded, second.RunId), (plain.Outcome, plain.Run.RunId));
        Assert.Equal((RunClaimOutcome.AlreadySucceeded, second.RunId), (stale.Outcome, stale.Run.RunId));
        Assert.Equal((false, second.RunId, 1), (started.Created, started.Run.RunId, started.Run.Generation));
    }

    [StoreFact]
    public async Task ClaimRunAsync_SupersedingARunThatIsNotSucceeded_ResumesItInsteadOfANewGeneration()
    {
        LeasedRunClaim first = await ClaimAsync(s_alice, supersedes: null);
        await _context.Runs.FailRunAsync(first.Run.RunId, "boom", CancellationToken.None);

        LeasedRunClaim forced = await ClaimAsync(s_bob, supersedes: first.Run.RunId);

        Assert.Equal((RunClaimOutcome.Resumed, first.Run.RunId, 0, 2), (forced.Outcome, forced.Run.RunId, forced.Run.Generation, forced.Run.Attempt));
    }

    [StoreFact]
    public async Task FindLatestRunAsync_UnknownKey_IsNull_OtherConfigHash_IsSeparate()
    {
        (RunRecord first, _) = await SucceedWithReadyVersionAsync(s_alice, supersedes: null);

        RunRecord? unknown = await _context.Runs.FindLatestRunAsync("recall", s_partition.AddDays(1), first.ConfigHash, CancellationToken.None);
        RunRecord? otherConfig = await _context.Runs.FindLatestRunAsync("recall", s_partition, new string('a', 64), CancellationToken.None);

        Assert.Null(unknown);
        Assert.Null(otherConfig);
    }

    private Task<LeasedRunClaim> ClaimAsync(RunLease lease, string? supersedes) =>
        _context.Runs.ClaimRunAsync(RegistryStoreContext.RunRequest("recall", s_partition) with { SupersedesRunId = supersedes }, lease, CancellationToken.None);

    private async Task CompleteAllStagesAsync(string runId)
    {
        foreach (RunStage stage in Enum.GetValues<RunStage>())
        {
            await _context.Runs.BeginStageAsync(runId, stage, CancellationToken.None);
            await _context.Runs.CompleteStageAsync(runId, stage, null, CancellationToken.None);
        }
    }

    /// <summary>Claims (a forced rerun when <paramref name="supersedes"/> is set), runs every stage, publishes a Ready version and completes the run.</summary>
    private async Task<(RunRecord Run, int Version)> SucceedWithReadyVersionAsync(RunLease lease, string? supersedes)
    {
        LeasedRunClaim claim = await ClaimAsync(lease, supersedes);
        Assert.Equal(RunClaimOutcome.Created, claim.Outcome);
        await CompleteAllStagesAsync(claim.Run.RunId);
        VersionClaim version = await _context.Models.CreatePendingVersionAsync(RegistryStoreContext.VersionRequest(Model, claim.Run), CancellationToken.None);
        await _context.PublishFilesAsync(Model, version.Version.Version, RegistryStoreContext.TowerFiles(claim.Run.RunId));
        await _context.Models.MarkReadyAsync(Model, version.Version.Version, CancellationToken.None);
        RunRecord done = await _context.Runs.CompleteRunAsync(claim.Run.RunId, CancellationToken.None);
        return (done, version.Version.Version);
    }
}
