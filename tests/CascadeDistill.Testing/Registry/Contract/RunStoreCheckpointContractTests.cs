using CascadeDistill.Registry;
using CascadeDistill.Testing.Xunit;
using Xunit;

namespace CascadeDistill.Testing.Registry.Contract;

/// <summary>
/// Stage checkpoints and live progress every run store adapter keeps (<see cref="IRunCheckpointStore"/>,
/// <see cref="IRunProgressStore"/>): without them a resumed run redoes its stages and the dashboard shows no progress.
/// </summary>
public abstract class RunStoreCheckpointContractTests : IAsyncLifetime
{
    private RegistryStoreContext _context = null!;

    private IRunCheckpointStore Checkpoints => Assert.IsAssignableFrom<IRunCheckpointStore>(_context.Runs);

    private IRunProgressStore Progress => Assert.IsAssignableFrom<IRunProgressStore>(_context.Runs);

    public async Task InitializeAsync() => _context = await CreateContextAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>A new, empty, migrated database of the adapter under test.</summary>
    protected abstract Task<RegistryStoreContext> CreateContextAsync();

    [StoreFact]
    public async Task SaveCheckpointAsync_TwiceForAStage_ListReturnsTheLatestPerStageInStageOrder()
    {
        RunRecord run = await _context.StartRunAsync();
        ModelFile file = new("checkpoints/recall/x/student.weights", 12, new string('b', 64));
        await Checkpoints.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.TrainStudent, 1, file), CancellationToken.None);
        await Checkpoints.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.BuildDataset, 1), CancellationToken.None);
        await Checkpoints.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.TrainStudent, 2, file), CancellationToken.None);

        IReadOnlyList<RunCheckpoint> saved = await Checkpoints.ListCheckpointsAsync(run.RunId, CancellationToken.None);

        Assert.Equal([RunStage.BuildDataset, RunStage.TrainStudent], saved.Select(c => c.Stage));
        Assert.Equal(2, saved[1].Attempt);
        Assert.Equal(file, Assert.Single(saved[1].Files));
        Assert.Equal("""{"n":2}""", saved[1].PayloadJson);
    }

    [StoreFact]
    public async Task DeleteCheckpointAsync_OneStage_LeavesTheOthers()
    {
        RunRecord run = await _context.StartRunAsync();
        await Checkpoints.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.BuildDataset, 1), CancellationToken.None);
        await Checkpoints.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.TrainStudent, 1), CancellationToken.None);

        await Checkpoints.DeleteCheckpointAsync(run.RunId, RunStage.BuildDataset, CancellationToken.None);

        Assert.Equal([RunStage.TrainStudent], (await Checkpoints.ListCheckpointsAsync(run.RunId, CancellationToken.None)).Select(c => c.Stage));
    }

    [StoreFact]
    public async Task SaveCheckpointAsync_RunNotRunning_Throws()
    {
        RunRecord run = await _context.StartRunAsync();
        await _context.Runs.FailRunAsync(run.RunId, "boom", CancellationToken.None);

        await Assert.ThrowsAsync<RunStateException>(
            () => Checkpoints.SaveCheckpointAsync(run.RunId, Checkpoint(RunStage.BuildDataset, 1), CancellationToken.None));
    }

    [StoreFact]
    public async Task SaveCheckpointAsync_PathLeavingTheWorkDirectory_Throws()
    {
        RunRecord run = await _context.StartRunAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Checkpoints.SaveCheckpointAsync(
            run.RunId, Checkpoint(RunStage.BuildDataset, 1, new ModelFile("../etc/passwd", 1, new string('c', 64))), CancellationToken.None));
    }

    [StoreFact]
    public async Task SaveProgressAsync_Twice_GetReturnsTheLatestOnlyForRunsThatHaveAny()
    {
        RunRecord run = await _context.StartRunAsync();
        RunRecord other = await _context.StartRunAsync("prerank");
        DateTimeOffset now = _context.Clock.GetUtcNow();
        await Progress.SaveProgressAsync(run.RunId, new RunProgress(RunStage.BuildDataset, 0.5, null, null, null, null, "half", now), CancellationToken.None);
        await Progress.SaveProgressAsync(run.RunId, new RunProgress(RunStage.TrainStudent, 0.25, 1024, 1, 4, 0.4321, "epoch 1/4", now.AddSeconds(3)), CancellationToken.None);

        IReadOnlyDictionary<string, RunProgress> progress = await Progress.GetProgressAsync([run.RunId, other.RunId], CancellationToken.None);

        RunProgress latest = Assert.Single(progress).Value;
        Assert.Equal(new RunProgress(RunStage.TrainStudent, 0.25, 1024, 1, 4, 0.4321, "epoch 1/4", now.AddSeconds(3)), latest);
    }

    private static RunCheckpoint Checkpoint(RunStage stage, int attempt, params ModelFile[] files) =>
        new(stage, attempt, files, $$"""{"n":{{attempt}}}""", DateTimeOffset.UnixEpoch);
}
