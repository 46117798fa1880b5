using CascadeDistill.Datasets;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using TorchSharp;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>How the ListNet trainer rebuilds whole requests from chunks and packs them into batches.</summary>
public sealed class ListBatchingTests
{
    [Fact]
    public void Windows_RequestCutByChunkBoundary_IsOneListWithTwoFragments()
    {
        DatasetChunk first = WithRequestIds(["a", "a", "b", "b", "c"], seed: 1);
        DatasetChunk second = WithRequestIds(["c", "c", "d"], seed: 2);

        RequestList[][] windows = [.. RequestListStream.Windows([first, second]).Select(w => w.ToArray())];

        Assert.Equal([["a", "b"], ["c"], ["d"]], windows.Select(w => w.Select(l => l.RequestId).ToArray()).ToArray());
        RequestList c = windows[1][0];
        Assert.Equal(3, c.Length);
        Assert.Equal([new ListFragment(first, 4, 1), new ListFragment(second, 0, 2)], c.Fragments);
        Assert.Equal(8, windows.SelectMany(w => w).Sum(l => l.Length));
    }

    [Fact]
    public void Pack_Window_EveryRequestOnceAndWholeBatchesReachTheSize()
    {
        DatasetChunk chunk = WithRequestIds([.. Enumerable.Range(0, 100).Select(r => $"r{r / 7}")], seed: 3);
        IReadOnlyList<RequestList> lists = RequestListStream.Windows([chunk]).SelectMany(w => w).ToArray();

        RequestList[][] batches = [.. ListBatchPlanner.Pack(lists, new Random(5), batchSize: 20)];

        Assert.Equal(lists.Select(l => l.RequestId).Order(), batches.SelectMany(b => b).Select(l => l.RequestId).Order());
        Assert.All(batches[..^1], b => Assert.InRange(b.Sum(l => l.Length), 20, 20 + 7 - 1));
        string[] again = [.. ListBatchPlanner.Pack(lists, new Random(5), batchSize: 20).SelectMany(b => b).Select(l => l.RequestId)];
        Assert.Equal(batches.SelectMany(b => b).Select(l => l.RequestId), again);
        Assert.NotEqual(lists.Select(l => l.RequestId), again);
    }

    [Fact]
    public void Create_ListsOfDifferentLengthAcrossChunks_MaskIndexAndTeacherLaidOutPerList()
    {
        DatasetChunk first = WithRequestIds(["a", "a", "b", "b", "b"], seed: 4);
        DatasetChunk second = WithRequestIds(["b", "c", "c"], seed: 6);
        RequestList[] lists = [.. RequestListStream.Windows([first, second]).SelectMany(w => w)];
        Assert.Equal(["a", "b", "c"], lists.Select(l => l.RequestId));

        using ListTrainingBatch batch = ListTrainingBatch.Create(
            lists, SyntheticDistillationProblem.Features.Where(f => f.Side == Features.FeatureSide.User).ToArray(),
            SyntheticDistillationProblem.Features.Where(f => f.Side == Features.FeatureSide.Item).ToArray(), torch.CPU);

        Assert.Equal(3, batch.Lists);
        Assert.Equal(4, batch.MaxLength);
        Assert.Equal(8, batch.Rows);
        Assert.Equal(
            [true, true, false, false, true, true, true, true, true, true, false, false],
            batch.MaskValues);
        // Flat scores: first chunk's rows 0..4, then second chunk's rows 0..2 (offset 5).
        Assert.Equal([0L, 1, 0, 0, 2, 3, 4, 5, 6, 7, 0, 0], batch.IndexValues);
        float[] expectedTeacher =
        [
            first.TeacherLogits[0], first.TeacherLogits[1], 0, 0,
            first.TeacherLogits[2], first.TeacherLogits[3], first.TeacherLogits[4], second.TeacherLogits[0],
            second.TeacherLogits[1], second.TeacherLogits[2], 0, 0,
        ];
        Assert.Equal(expectedTeacher, batch.TeacherValues);
        Assert.Equal(first.Weights[2], batch.WeightValues[4]);
        Assert.Equal(0f, batch.WeightValues[3]);
    }

    internal static DatasetChunk WithRequestIds(string[] requestIds, int seed)
    {
        DatasetChunk source = SyntheticDistillationProblem.Chunk(requestIds.Length, new Random(seed));
        return new DatasetChunk
        {
            RequestIds = requestIds,
            ItemIds = source.ItemIds,
            Positions = source.Positions,
            Labels = source.Labels,
            Weights = source.Weights,
            SoftLabels = source.SoftLabels,
            TeacherLogits = source.TeacherLogits,
            Features = source.Features,
        };
    }
}
