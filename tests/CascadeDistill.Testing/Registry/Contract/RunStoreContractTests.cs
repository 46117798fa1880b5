using CascadeDistill.Registry;
using CascadeDistill.Testing.Xunit;
using Xunit;

namespace CascadeDistill.Testing.Registry.Contract;

/// <summary>The behaviour every <see cref="IRunStore"/> adapter must have: runs, stages, documents, listing.</summary>
public abstract class RunStoreContractTests : IAsyncLifetime
{
    private static readonly DateOnly s_partition = new(2025, 1, 14);
    private RegistryStoreContext _context = null!;

    public async Task InitializeAsync() => _context = await CreateContextAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>A new, empty, migrated database of the adapter under test.</summary>
    protected abstract Task<RegistryStoreContext> CreateContextAsync();

    [StoreFact]
    public async Task StartRunAsync_NewKey_CreatesRunningRunStampedByTheClock()
    {
        var claim = await _context.Runs.StartRunAsync(RegistryStoreContext.RunRequest("recall", s_partition), CancellationToken.None);

        Assert.True(claim.Created);
        var run = claim.Run;
        Assert.Matches("^[0-9a-f]{32}$", run.RunId);
        Assert.Equal(("recall", s_partition, new DateOnly(2025, 1, 8), s_partition), (run.Pipeline, run.Partition, run.WindowFirst, run.WindowLast));
        Assert.Equal(RegistryStoreContext.ConfigHash, run.ConfigHash);
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(_context.Clock.GetUtcNow(), run.StartedAt);
        Assert.Null(run.FinishedAt);
        Assert.Empty(run.Stages);
        Assert.Equal(run, await _context.Runs.GetRunAsync(run.RunId, CancellationToken.None), RunComparer.Instance);
    }

    [StoreFact]
    public async Task StartRunAsync_SameKeyTwice_ReturnsTheExistingRun()
    {
        var first = await _context.Runs.StartRunAsync(RegistryStoreContext.RunRequest("recall", s_partition), CancellationToken.None);

        var second = await _context.Runs.StartRunAsync(RegistryStoreContext.RunRequest("recall", s_partition) with { RunId = "other-id" }, CancellationToken.None);

        Assert.False(second.Created);
        Assert.Equal(first.Run.RunId, second.Run.RunId);
        Assert.Null(await _context.Runs.GetRunAsync("other-id", CancellationToken.None));
    }

    [StoreFact]
    public async Task StartRunAsync_DifferentConfigHash_CreatesAnotherRun()
    {
        var first = await _context.Runs.StartRunAsync(RegistryStoreContext.RunRequest("recall", s_partition), CancellationToken.None);

        var second = await _context.Runs.StartRunAsync(RegistryStoreContext.RunRequest("recall", s_partition, new string('a', 64)), CancellationToken.None);

        Assert.True(second.Created);
        Assert.NotEqual(first.Run.RunId, second.Run.RunId);
    }

    [StoreFact]
    public async Task StartRunAsync_ConcurrentClaimsOfOneKey_CreateExactlyOneRun()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(
            () => _context.Runs.StartRunAsync(RegistryStoreContext.RunRequest("recall", s_partition), CancellationToken.None))));

        Assert.Single(claims, c => c.Created);
        Assert.Single(claims.Select(c => c.Run.RunId).Distinct());
    }

    [StoreFact]
    public async Task StartRunAsync_InvalidConfigHash_Throws()
    {
        foreach (var configHash in new[] { "not-a-hash", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => _context.Runs.StartRunAsync(
                RegistryStoreContext.RunRequest("recall", s_partition, configHash), CancellationToken.None));
        }
    }

    [StoreFact]
    public async Task StartRunAsync_UnsafeRunId_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _context.Runs.StartRunAsync(
            RegistryStoreContext.RunRequest("recall", s_partition) with { RunId = "../etc" }, CancellationToken.None));

    [StoreFact]
    public async Task Stages_BeginAndComplete_RoundTripWithDurationAndCheckpoint()
    {
        var run = await _context.StartRunAsync();

        var begun = await _context.Runs.BeginStageAsync(run.RunId, RunStage.BuildDataset, CancellationToken.None);
        _context.Clock.Advance(TimeSpan.FromSeconds(90.5));
        var done = await _context.Runs.CompleteStageAsync(run.RunId, RunStage.BuildDataset, """{"path":"datasets/x.arrow","rows":12}""", CancellationToken.None);

        Assert.Equal(StageStatus.Running, begun.Status);
        Assert.Null(begun.FinishedAt);
        Assert.Equal(StageStatus.Succeeded, done.Status);
        Assert.Equal(begun.StartedAt.AddSeconds(90.5), done.FinishedAt);
        Assert.Equal(90.5, done.Seconds!.Value, 6);
        Assert.Equal("""{"path":"datasets/x.arrow","rows":12}""", done.OutputJson);
        var reloaded = await _context.Runs.GetRunAsync(run.RunId, CancellationToken.None);
        Assert.Equal(done, Assert.Single(reloaded!.Stages));
        Assert.True(reloaded.HasSucceeded(RunStage.BuildDataset));
    }

    [StoreFact]
    public async Task GetRunAsync_SeveralStages_ReturnsThemInPipelineOrder()
    {
        var run = await _context.StartRunAsync();
        foreach (var stage in new[] { RunStage.TrainStudent, RunStage.ReadLogs, RunStage.BuildDataset })
        {
            await _context.Runs.BeginStageAsync(run.RunId, stage, CancellationToken.None);
        }

        var reloaded = await _context.Runs.GetRunAsync(run.RunId, CancellationToken.None);

        Assert.Equal([RunStage.ReadLogs, RunStage.BuildDataset, RunStage.TrainStudent], reloaded!.Stages.Select(s => s.Stage));
    }

    [StoreFact]
    public async Task BeginStageAsync_StageAlreadySucceeded_Throws()
    {
        var run = await _context.StartRunAsync();
        await _context.Runs.BeginStageAsync(run.RunId, RunStage.ReadLogs, CancellationToken.None);
        await _context.Runs.CompleteStageAsync(run.RunId, RunStage.ReadLogs, null, CancellationToken.None);

        await Assert.ThrowsAsync<RunStateException>(() => _context.Runs.BeginStageAsync(run.RunId, RunStage.ReadLogs, CancellationToken.None));
    }

    [StoreFact]
    public async Task BeginStageAsync_InterruptedStage_StartsItAgain()
    {
        var run = await _context.StartRunAsync();
        await _context.Runs.BeginStageAsync(run.RunId, RunStage.TrainStudent, CancellationToken.None);
        _context.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await _context.Runs.BeginStageAsync(run.RunId, RunStage.TrainStudent, CancellationToken.None);

        Assert.Equal(StageStatus.Running, again.Status);
        Assert.Equal(_context.Clock.GetUtcNow(), again.StartedAt);
    }

    [StoreFact]
    public async Task CompleteStageAsync_StageNotBegun_Throws()
    {
        var run = await _context.StartRunAsync();

        await Assert.ThrowsAsync<RunStateException>(() => _context.Runs.CompleteStageAsync(run.RunId, RunStage.ExportOnnx, null, CancellationToken.None));
    }

    [StoreFact]
    public async Task CompleteRunAsync_AllStagesSucceeded_StoresSucceededWithDocuments()
    {
        var run = await _context.StartRunAsync();
        foreach (var stage in Enum.GetValues<RunStage>())
        {
            await _context.Runs.BeginStageAsync(run.RunId, stage, CancellationToken.None);
            _context.Clock.Advance(TimeSpan.FromSeconds(1));
            await _context.Runs.CompleteStageAsync(run.RunId, stage, null, CancellationToken.None);
        }

        await _context.Runs.SaveRowAccountingAsync(run.RunId, """{"read":10,"accepted":9,"quarantined":{"nan_logit":1}}""", CancellationToken.None);
        await _context.Runs.SaveMetricsAsync(run.RunId, """{"auc":0.71}""", CancellationToken.None);

        var done = await _context.Runs.CompleteRunAsync(run.RunId, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, done.Status);
        Assert.Equal(_context.Clock.GetUtcNow(), done.FinishedAt);
        Assert.Equal("""{"read":10,"accepted":9,"quarantined":{"nan_logit":1}}""", done.RowAccountingJson);
        Assert.Equal("""{"auc":0.71}""", done.MetricsJson);
        Assert.Equal(6, done.Stages.Count);
        Assert.All(done.Stages, s => Assert.Equal(1.0, s.Seconds!.Value, 6));
    }

    [StoreFact]
    public async Task CompleteRunAsync_StageStillRunning_ThrowsAndStaysRunning()
    {
        var run = await _context.StartRunAsync();
        await _context.Runs.BeginStageAsync(run.RunId, RunStage.ReadLogs, CancellationToken.None);

        await Assert.ThrowsAsync<RunStateException>(() => _context.Runs.CompleteRunAsync(run.RunId, CancellationToken.None));

        Assert.Equal(RunStatus.Running, (await _context.Runs.GetRunAsync(run.RunId, CancellationToken.None))!.Status);
    }

    [StoreFact]
    public async Task FailRunAsync_RunningStage_FailsStageAndRunWithReason()
    {
        var run = await _context.StartRunAsync();
        await _context.Runs.BeginStageAsync(run.RunId, RunStage.TrainStudent, CancellationToken.None);

        var failed = await _context.Runs.FailRunAsync(run.RunId, "training diverged", CancellationToken.None);

        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal("training diverged", failed.FailureReason);
        Assert.NotNull(failed.FinishedAt);
        var stage = Assert.Single(failed.Stages);
        Assert.Equal((StageStatus.Failed, "training diverged"), (stage.Status, stage.FailureReason));
    }

    [StoreFact]
    public async Task FailedRun_FurtherChanges_AreRefused()
    {
        var run = await _context.StartRunAsync();
        await _context.Runs.FailRunAsync(run.RunId, "boom", CancellationToken.None);

        await Assert.ThrowsAsync<RunStateException>(() => _context.Runs.BeginStageAsync(run.RunId, RunStage.ReadLogs, CancellationToken.None));
        await Assert.ThrowsAsync<RunStateException>(() => _context.Runs.SaveMetricsAsync(run.RunId, "{}", CancellationToken.None));
        await Assert.ThrowsAsync<RunStateException>(() => _context.Runs.CompleteRunAsync(run.RunId, CancellationToken.None));
        await Assert.ThrowsAsync<RunStateException>(() => _context.Runs.FailRunAsync(run.RunId, "again", CancellationToken.None));
    }

    [StoreFact]
    public async Task ResumeRunAsync_FailedRun_RunsAgainWithNextAttemptAndKeepsSucceededStages()
    {
        var run = await _context.StartRunAsync();
        await _context.Runs.BeginStageAsync(run.RunId, RunStage.ReadLogs, CancellationToken.None);
        await _context.Runs.CompleteStageAsync(run.RunId, RunStage.ReadLogs, """{"files":3}""", CancellationToken.None);
        await _context.Runs.BeginStageAsync(run.RunId, RunStage.BuildDataset, CancellationToken.None);
        await _context.Runs.FailRunAsync(run.RunId, "disk full", CancellationToken.None);

        var resumed = await _context.Runs.ResumeRunAsync(run.RunId, CancellationToken.None);

        Assert.Equal((RunStatus.Running, 2, null, null), (resumed.Status, resumed.Attempt, resumed.FinishedAt, resumed.FailureReason));
        Assert.True(resumed.HasSucceeded(RunStage.ReadLogs));
        Assert.Equal(StageStatus.Failed, resumed.FindStage(RunStage.BuildDataset)!.Status);
        var again = await _context.Runs.BeginStageAsync(run.RunId, RunStage.BuildDataset, CancellationToken.None);
        Assert.Equal(StageStatus.Running, again.Status);
    }

    [StoreFact]
    public async Task ResumeRunAsync_SucceededRun_Throws()
    {
        var run = await _context.StartRunAsync();
        await _context.Runs.CompleteRunAsync(run.RunId, CancellationToken.None);

        await Assert.ThrowsAsync<RunStateException>(() => _context.Runs.ResumeRunAsync(run.RunId, CancellationToken.None));
    }

    [StoreFact]
    public async Task Mutations_UnknownRun_ThrowRunNotFound()
    {
        await Assert.ThrowsAsync<RunNotFoundException>(() => _context.Runs.BeginStageAsync("missing", RunStage.ReadLogs, CancellationToken.None));
        await Assert.ThrowsAsync<RunNotFoundException>(() => _context.Runs.CompleteRunAsync("missing", CancellationToken.None));
        await Assert.ThrowsAsync<RunNotFoundException>(() => _context.Runs.FailRunAsync("missing", "x", CancellationToken.None));
        await Assert.ThrowsAsync<RunNotFoundException>(() => _context.Runs.ResumeRunAsync("missing", CancellationToken.None));
        Assert.Null(await _context.Runs.GetRunAsync("missing", CancellationToken.None));
    }

    [StoreFact]
    public async Task SaveMetricsAsync_MalformedJson_Throws()
    {
        var run = await _context.StartRunAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => _context.Runs.SaveMetricsAsync(run.RunId, "{auc:", CancellationToken.None));
    }

    [StoreFact]
    public async Task ListRunsAsync_Filters_ReturnNewestFirstWithStages()
    {
        var first = await _context.StartRunAsync("recall");
        _context.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _context.StartRunAsync("prerank");
        _context.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = await _context.StartRunAsync("recall");
        await _context.Runs.BeginStageAsync(third.RunId, RunStage.ReadLogs, CancellationToken.None);
        await _context.Runs.FailRunAsync(first.RunId, "x", CancellationToken.None);

        var all = await _context.Runs.ListRunsAsync(new RunQuery(), CancellationToken.None);
        var recall = await _context.Runs.ListRunsAsync(new RunQuery(Pipeline: "recall"), CancellationToken.None);
        var failed = await _context.Runs.ListRunsAsync(new RunQuery(Status: RunStatus.Failed), CancellationToken.None);
        var latest = await _context.Runs.ListRunsAsync(new RunQuery(Limit: 1), CancellationToken.None);

        Assert.Equal([third.RunId, second.RunId, first.RunId], all.Select(r => r.RunId));
        Assert.Equal([third.RunId, first.RunId], recall.Select(r => r.RunId));
        Assert.Equal([first.RunId], failed.Select(r => r.RunId));
        Assert.Equal(RunStage.ReadLogs, Assert.Single(Assert.Single(latest).Stages).Stage);
    }

    /// <summary>Records hold lists, which compare by reference; compare runs by their fields and stages.</summary>
    private sealed class RunComparer : IEqualityComparer<RunRecord?>
    {
        public static readonly RunComparer Instance = new();

        public bool Equals(RunRecord? x, RunRecord? y) =>
            x is not null && y is not null && x with { Stages = [] } == y with { Stages = [] } && x.Stages.SequenceEqual(y.Stages);

        public int GetHashCode(RunRecord? obj) => obj?.RunId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
