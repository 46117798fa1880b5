using CascadeDistill.Registry;
using CascadeDistill.Storage.Sqlite;
using CascadeDistill.Testing.Registry.Contract;

namespace CascadeDistill.Storage.Tests.Sqlite;

public sealed class SqliteRunStoreCheckpointTests : IAsyncLifetime
{
    private RegistryStoreContext _context = null!;

    private SqliteRunStore Store => (SqliteRunStore)_context.Runs;

    public async Task InitializeAsync() => _context = await SqliteRegistryTestContext.CreateAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task SaveCheckpointAsync_TwiceForAStage_ListReturnsTheLatestPerStageInStageOrder()
    {
        RunRecord run = await _context.StartRunAsync();
        ModelFile file = new("checkpoints/recall/x/student.weights", 12, new string('b', 64));
        await Store.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.TrainStudent, 1, file), CancellationToken.None);
        await Store.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.BuildDataset, 1), CancellationToken.None);
        await Store.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.TrainStudent, 2, file), CancellationToken.None);

        IReadOnlyList<RunCheckpoint> saved = await Store.ListCheckpointsAsync(run.RunId, CancellationToken.None);

        Assert.Equal([RunStage.BuildDataset, RunStage.TrainStudent], saved.Select(c => c.Stage));
        Assert.Equal(2, saved[1].Attempt);
        Assert.Equal(file, Assert.Single(saved[1].Files));
        Assert.Equal("""{"n":2}""", saved[1].PayloadJson);
    }

    [Fact]
    public async Task DeleteCheckpointAsync_OneStage_LeavesTheOthers()
    {
        RunRecord run = await _context.StartRunAsync();
        await Store.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.BuildDataset, 1), CancellationToken.None);
        await Store.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.TrainStudent, 1), CancellationToken.None);

        await Store.DeleteCheckpointAsync(run.RunId, RunStage.BuildDataset, CancellationToken.None);

        Assert.Equal([RunStage.TrainStudent], (await Store.ListCheckpointsAsync(run.RunId, CancellationToken.None)).Select(c => c.Stage));
    }

    [Fact]
    public async Task SaveCheckpointAsync_RunNotRunning_Throws()
    {
        RunRecord run = await _context.StartRunAsync();
        await Store.FailRunAsync(run.RunId, "boom", CancellationToken.None);

        await Assert.ThrowsAsync<RunStateException>(
            () => Store.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.BuildDataset, 1), CancellationToken.None));
    }

    [Fact]
    public async Task SaveCheckpointAsync_PathLeavingTheWorkDirectory_Throws()
    {
        RunRecord run = await _context.StartRunAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveCheckpointAsync(
            run.RunId, Checkpoint(RunStage.BuildDataset, 1, new ModelFile("../etc/passwd", 1, new string('c', 64))), CancellationToken.None));
    }

    [Fact]
    public async Task SaveProgressAsync_Twice_GetReturnsTheLatestOnlyForRunsThatHaveAny()
    {
        RunRecord run = await _context.StartRunAsync();
        RunRecord other = await _context.StartRunAsync("prerank");
        DateTimeOffset now = _context.Clock.GetUtcNow();
        await Store.SaveProgressAsync(run.RunId, new RunProgress(RunStage.BuildDataset, 0.5, null, null, null, null, "half", now), CancellationToken.None);
        await Store.SaveProgressAsync(run.RunId, new RunProgress(RunStage.TrainStudent, 0.25, 1024, 1, 4, 0.4321, "epoch 1/4", now.AddSeconds(3)), CancellationToken.None);

        IReadOnlyDictionary<string, RunProgress> progress = await Store.GetProgressAsync([run.RunId, other.RunId], CancellationToken.None);

        RunProgress latest = Assert.Single(progress).Value;
        Assert.Equal(new RunProgress(RunStage.TrainStudent, 0.25, 1024, 1, 4, 0.4321, "epoch 1/4", now.AddSeconds(3)), latest);
    }

    private static RunCheckpoint Checkpoint(RunStage stage, int attempt, params ModelFile[] files) =>
        new(stage, attempt, files, $$"""{"n":{{attempt}}}""", DateTimeOffset.UnixEpoch);
}
