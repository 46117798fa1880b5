using CascadeDistill.Datasets;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// Rebuilds whole requests from a stream of chunks: a request is a maximal run of consecutive rows
/// with the same request id (the listwise recipe writes each request contiguously). Yields, per
/// chunk, the requests completed so far; the chunk's last run is held back until the next chunk
/// shows whether it continues there, so a request cut by a chunk boundary is still one list.
/// </summary>
internal static class RequestListStream
{
    public static IEnumerable<IReadOnlyList<RequestList>> Windows(IEnumerable<DatasetChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        RequestList? pending = null;
        foreach (DatasetChunk chunk in chunks)
        {
            var completed = new List<RequestList>();
            int start = 0;
            while (start < chunk.Count)
            {
                int end = start + 1;
                while (end < chunk.Count && string.Equals(chunk.RequestIds[end], chunk.RequestIds[start], StringComparison.Ordinal))
                {
                    end++;
                }
                var fragment = new ListFragment(chunk, start, end - start);
                if (pending is not null && start == 0 && string.Equals(pending.RequestId, chunk.RequestIds[0], StringComparison.Ordinal))
                {
                    pending.Append(fragment);
                }
                else
                {
                    if (pending is not null)
                    {
                        completed.Add(pending);
                    }
                    pending = new RequestList(chunk.RequestIds[start], fragment);
                }
                start = end;
            }
            if (completed.Count > 0)
            {
                yield return completed;
            }
        }
        if (pending is not null)
        {
            yield return [pending];
        }
    }
}
