namespace CascadeDistill.Torch.Training;

/// <summary>
/// Groups whole requests into batches: the requests of a window in a seeded random order, packed
/// until a batch holds at least <c>batchSize</c> rows (a request is never split, so a batch can
/// exceed the size by less than one list; a list longer than the size is a batch of its own).
/// </summary>
internal static class ListBatchPlanner
{
    public static IEnumerable<RequestList[]> Pack(IReadOnlyList<RequestList> lists, Random random, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        int[] order = EpochShuffle.Permutation(lists.Count, random);
        var batch = new List<RequestList>();
        int rows = 0;
        foreach (int index in order)
        {
            batch.Add(lists[index]);
            rows += lists[index].Length;
            if (rows >= batchSize)
            {
                yield return [.. batch];
                batch.Clear();
                rows = 0;
            }
        }
        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }
}
